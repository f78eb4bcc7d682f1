package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.testing.HeadlessChromium;
import dev.fuspath.testing.UpstreamBundle;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The README's newcomer path, end to end on the packaged artifact (issue 14), as a new user runs it: the launcher's
 * {@code --version} and {@code --help}, {@code plan} (the seed story), {@code serve} on a free loopback port, the
 * API (the same plan over HTTP), one page in the browser (headless Chromium when installed, else its HTML),
 * {@code flash} on the simulator, and {@code history}. Every call fails the test on a stack trace, on a help line cut
 * mid-sentence, or on an exit code the README's table of exit codes does not list. One serve process, a handful of
 * CLI calls.
 */
class NewcomerWalkthroughIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORY = "--chip STM32WB55RGV6TR --fus 0.5.3 --target BLE_Stack_full --release v1.23.0";

    private record Ran(String command, int exit, String out, String err) {
        String all() {
            return "$ fuspath " + command + "\n(exit " + exit + ")\n" + out + "\n" + err;
        }
    }

    private final List<String> seen = new ArrayList<>();
    private Path launcher;
    private Path work;
    private Set<Integer> documented;

    /** The exit codes the README lists: the "- `N`: ..." lines under "The exit codes are:". */
    static Set<Integer> readmeExitCodes(String readme) {
        int from = readme.indexOf("The exit codes are:");
        int to = readme.indexOf("\n## ", from);
        assertTrue(from >= 0 && to > from, "the README has its table of exit codes");
        Set<Integer> codes = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^- `(\\d+)`:").matcher(readme.substring(from, to));
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    private static void assertNoStackTrace(String text) {
        assertFalse(text.contains("\tat ") || text.contains("Exception in thread"), "a stack trace:\n" + text);
    }

    /** Runs the launcher as a user types it, and holds what every call must be. */
    private Ran fuspath(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("fuspath " + String.join(" ", args) + " did not end in 180 s");
        }
        Ran r = new Ran(String.join(" ", args), p.exitValue(), Files.readString(out), Files.readString(err));
        seen.add(r.command() + " -> " + r.exit());
        assertNoStackTrace(r.all());
        assertTrue(documented.contains(r.exit()), "exit code " + r.exit() + " is not in the README's table "
                + documented + ":\n" + r.all());
        return r;
    }

    /**
     * A help text cut mid-sentence: the command list's summaries end their sentence, and so does the description
     * before the options (picocli prints each description paragraph on lines of its own).
     */
    private static void assertHelpWhole(Ran help) {
        List<String> lines = help.out().lines().toList();
        int commands = lines.indexOf("Commands:");
        if (commands >= 0) {
            String summary = null;
            for (String line : lines.subList(commands + 1, lines.size())) {
                if (line.matches("^  \\S.*")) {
                    if (summary != null) {
                        assertTrue(endsASentence(summary), "cut mid-sentence: " + summary + "\n" + help.all());
                    }
                    summary = line.strip().replaceFirst("^\\S+\\s+", "");
                } else if (summary != null && !line.isBlank()) {
                    summary += " " + line.strip();
                }
            }
            assertTrue(summary != null && endsASentence(summary), "cut mid-sentence: " + summary + "\n" + help.all());
        }
        int options = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^\\s+-.*") && !lines.get(i).startsWith("Usage")) {
                options = i;
                break;
            }
        }
        int description = 1;
        while (description < lines.size() && lines.get(description).startsWith(" ")) {
            description++; // the synopsis' continuation lines
        }
        if (options > description) {
            String last = lines.get(options - 1).strip();
            assertTrue(endsASentence(last) || last.endsWith(":"), "the description ends mid-sentence: " + last
                    + "\n" + help.all());
        }
    }

    private static boolean endsASentence(String text) {
        String t = text.strip().replaceAll("[)\"']+$", "");
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theReadmesNewcomerPath() throws Exception {
        String jar = System.getProperty("fuspath.jar");
        assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)), "skipped: no packaged fuspath (run mvn verify)");
        launcher = Path.of(jar).toAbsolutePath().getParent().getParent().resolve("fuspath");
        assertTrue(Files.isExecutable(launcher), "./mvnw package writes target/fuspath: " + launcher);
        work = Files.createTempDirectory("newcomer");
        documented = readmeExitCodes(Files.readString(Path.of("README.md")));
        assertTrue(documented.containsAll(List.of(0, 1, 2, 4, 5, 13, 14)), documented.toString());
        long started = System.nanoTime();

        // the launcher
        Ran version = fuspath("--version");
        assertEquals(0, version.exit(), version.all());
        assertTrue(version.out().startsWith("fuspath "), version.all());
        for (String command : List.of("", "plan", "flash", "serve")) {
            Ran help = command.isEmpty() ? fuspath("--help") : fuspath(command, "--help");
            assertEquals(0, help.exit(), help.all());
            assertHelpWhole(help);
        }

        // plan: the seed story, text and JSON
        Ran plan = fuspath(("plan " + STORY).split(" "));
        assertEquals(0, plan.exit(), plan.all());
        assertTrue(plan.out().contains("stm32wb5x_FUS_fw_for_fus_0_5_3.bin"), plan.all());
        Ran planJson = fuspath(("plan " + STORY + " --json").split(" "));
        JsonNode cliPlan = JSON.readTree(planJson.out());
        assertEquals(7, cliPlan.get("steps").size(), planJson.all());

        // serve on a free loopback port, the API and a page
        int port = freePort();
        Path serveLog = work.resolve("serve.log");
        Process serve = new ProcessBuilder(launcher.toString(), "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dfuspath.records.dir=" + work.resolve("records"), "serve")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(serveLog.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int ready = 0;
            while (ready != 200) {
                assertTrue(serve.isAlive(), "serve ended:\n" + Files.readString(serveLog));
                assertTrue(System.nanoTime() < deadline, "not ready in 120 s:\n" + Files.readString(serveLog));
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    ready = 0;
                }
                if (ready != 200) {
                    Thread.sleep(250);
                }
            }
            String query = "chip=STM32WB55RGV6TR&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0";
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/plan?" + query))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode(), api.body());
            assertEquals(cliPlan.get("id").asText(), JSON.readTree(api.body()).get("id").asText(),
                    "the API gives the plan the command line gives");
            int steps = pageSteps(base + "/plan?" + query, http);
            assertEquals(7, steps, "the /plan page shows the plan's steps");
        } finally {
            serve.descendants().forEach(ProcessHandle::destroy);
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.descendants().forEach(ProcessHandle::destroyForcibly);
                serve.destroyForcibly();
            }
        }
        assertNoStackTrace(Files.readString(serveLog));

        // flash on the simulator with the story's files, then history
        UpstreamBundle.path().orElseThrow(() -> new TestAbortedException("skipped the flash part: no upstream"
                + " bundle for the firmware files (" + UpstreamBundle.ENV + ")"));
        Path firmware = Files.createDirectories(work.resolve("firmware"));
        for (JsonNode step : cliPlan.get("steps")) {
            if (step.has("file")) {
                String sha = step.get("sha256").asText();
                byte[] bytes = UpstreamBundle.distinctBinaries().stream().filter(f -> Sha256.of(f.bytes()).equals(sha))
                        .findFirst().orElseThrow().bytes();
                Files.write(firmware.resolve(step.get("file").asText()), bytes);
            }
        }
        Path journal = work.resolve("state/journal.jsonl");
        Ran flash = fuspath("flash", "--backend", "simulator", "--simulator-state", work.resolve("device.json").toString(),
                "--simulate", "factory-1M", "--chip", "STM32WB55RG", "--target", "BLE_Stack_full", "--release",
                "v1.23.0", "--firmware-dir", firmware.toString(), "--journal", journal.toString(), "--yes");
        assertEquals(0, flash.exit(), flash.all());
        assertTrue(flash.out().contains("[7/7] set-option-bytes"), flash.all());
        Ran history = fuspath("history", "--journal", journal.toString());
        assertEquals(0, history.exit(), history.all());
        assertTrue(history.out().contains("completed"), history.all());
        // a newcomer's mistake: an exit code the README lists, a message, no stack trace
        Ran mistake = fuspath("flash", "--target", "BLE_Stack_full", "--journal", journal.toString());
        assertEquals(2, mistake.exit(), mistake.all());
        System.out.printf("newcomer walkthrough: %d calls in %d ms: %s%n", seen.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), seen);
    }

    /** The plan page's steps: in headless Chromium when it is installed, else counted in the page's HTML. */
    private int pageSteps(String url, HttpClient http) throws Exception {
        if (Files.isExecutable(HeadlessChromium.CHROMIUM) && Files.isExecutable(HeadlessChromium.CHROMEDRIVER)) {
            try (HeadlessChromium browser = HeadlessChromium.start(true, work.resolve("browser"))) {
                browser.open(url);
                browser.waitUntil("the steps", () -> !browser.findAll("ol.steps > li.step").isEmpty());
                assertTrue(browser.title().startsWith("Plan for STM32WB55RG"), browser.title());
                return browser.findAll("ol.steps > li.step").size();
            } catch (TestAbortedException e) {
                // Chromium is there but cannot start here: read the page's HTML instead
            }
        }
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode(), page.body());
        return org.jsoup.Jsoup.parse(page.body()).select("ol.steps > li.step").size();
    }
}
