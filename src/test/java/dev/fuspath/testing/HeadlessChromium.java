package dev.fuspath.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the W3C WebDriver protocol by Debian's chromedriver, with a few calls over
 * java.net.http: no client library, no driver download, nothing that reaches the network. Tests call
 * {@link #start} and are skipped, saying why, when /usr/bin/chromium or /usr/bin/chromedriver is absent or the
 * browser cannot start ({@code scripts/install-browser.sh} installs both). {@link #close} ends the session and
 * every process chromedriver started.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Debian's paths; the system properties fuspath.test.chromium and fuspath.test.chromedriver override them. */
    public static final Path CHROMIUM = Path.of(System.getProperty("fuspath.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("fuspath.test.chromedriver",
            "/usr/bin/chromedriver"));
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process driver;
    private final Path profile;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread cleanupAtExit;
    private final List<ProcessHandle> ended = new ArrayList<>();
    private String session;

    /** A page element, by its WebDriver reference. */
    public record Element(String id) {
    }

    private HeadlessChromium(Process driver, Path profile, int port) {
        this.driver = driver;
        this.profile = profile;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.cleanupAtExit = new Thread(this::endProcesses, "chromedriver-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupAtExit);
    }

    /**
     * Starts chromedriver and one browser session, or skips the calling test when the browser is not installed or
     * cannot start.
     *
     * @param javascript false to browse with JavaScript turned off
     * @param logDir     where chromedriver's log goes
     */
    public static HeadlessChromium start(boolean javascript, Path logDir) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "skipped: headless Chromium"
                + " is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "); scripts/install-browser.sh installs"
                + " Debian's chromium and chromium-driver");
        HeadlessChromium browser = null;
        String failure;
        try {
            Files.createDirectories(logDir);
            Path profile = Files.createTempDirectory("fuspath-chromium-");
            int port = freePort();
            Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--log-level=WARNING",
                    "--log-path=" + logDir.resolve("chromedriver.log"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            browser = new HeadlessChromium(driver, profile, port);
            browser.awaitDriver();
            browser.newSession(javascript);
            return browser;
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (browser != null) {
            browser.close();
        }
        assumeTrue(false, "skipped: headless Chromium could not start: " + failure);
        throw new IllegalStateException("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitDriver() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new IllegalStateException("chromedriver exited with status " + driver.exitValue());
            }
            try {
                if (call("GET", "status", null).path("ready").asBoolean(false)) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not get ready in 20 s");
    }

    private void newSession(boolean javascript) {
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", CHROMIUM.toString());
        ArrayNode args = options.putArray("args");
        // the machine's closed network refuses background connections: ask for none
        Stream.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1280,1000",
                "--user-data-dir=" + profile).forEach(args::add);
        if (!javascript) {
            options.putObject("prefs").put("profile.managed_default_content_settings.javascript", 2);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        always.set("goog:chromeOptions", options);
        session = call("POST", "session", body).path("sessionId").asText(null);
        if (session == null) {
            throw new IllegalStateException("chromedriver gave no session id");
        }
        ObjectNode timeouts = JSON.createObjectNode();
        timeouts.put("implicit", 0);
        timeouts.put("pageLoad", 30_000);
        timeouts.put("script", 10_000);
        command("POST", "timeouts", timeouts);
    }

    // ---- WebDriver commands --------------------------------------------------------------------------------

    public void open(String url) {
        command("POST", "url", JSON.createObjectNode().put("url", url));
    }

    public String url() {
        return command("GET", "url", null).asText();
    }

    public String title() {
        return command("GET", "title", null).asText();
    }

    public void windowSize(int width, int height) {
        command("POST", "window/rect", JSON.createObjectNode().put("width", width).put("height", height));
    }

    /** All elements matching a CSS selector, in document order. */
    public List<Element> findAll(String css) {
        JsonNode found = command("POST", "elements", JSON.createObjectNode().put("using", "css selector").put("value", css));
        List<Element> elements = new ArrayList<>();
        found.forEach(e -> elements.add(new Element(e.path(ELEMENT).asText())));
        return elements;
    }

    /** The first element matching a CSS selector, waiting up to 10 s for it to appear. */
    public Element find(String css) {
        waitUntil("an element " + css, () -> !findAll(css).isEmpty());
        return findAll(css).get(0);
    }

    public String text(Element e) {
        return command("GET", "element/" + e.id() + "/text", null).asText();
    }

    public String text(String css) {
        return text(find(css));
    }

    public String property(Element e, String name) {
        JsonNode v = command("GET", "element/" + e.id() + "/property/" + name, null);
        return v.isNull() ? null : v.asText();
    }

    public String attribute(Element e, String name) {
        JsonNode v = command("GET", "element/" + e.id() + "/attribute/" + name, null);
        return v.isNull() ? null : v.asText();
    }

    /** Types into an element as a keyboard would; {@code \uE007} is the Enter key, {@code \uE004} Tab. */
    public void type(Element e, String text) {
        command("POST", "element/" + e.id() + "/value", JSON.createObjectNode().put("text", text));
    }

    public void click(Element e) {
        command("POST", "element/" + e.id() + "/click", null);
    }

    /** The element that has the keyboard focus. */
    public Element focused() {
        return new Element(command("GET", "element/active", null).path(ELEMENT).asText());
    }

    /** Runs a script in the page (with JavaScript on) and returns its JSON value. */
    public JsonNode script(String js) {
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.putArray("args");
        return command("POST", "execute/sync", body);
    }

    public void screenshot(Path png) {
        byte[] bytes = Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + what + " on " + url());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private JsonNode command(String method, String path, JsonNode body) {
        return call(method, "session/" + session + "/" + path, body);
    }

    /** One WebDriver call; a WebDriver error becomes an exception that names it. */
    private JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8");
            String json = body == null ? (method.equals("POST") ? "{}" : null) : JSON.writeValueAsString(body);
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(response.body()).path("value");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " /" + path + ": " + value.path("error").asText()
                        + ": " + firstLine(value.path("message").asText()));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " /" + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    // ---- ending -----------------------------------------------------------------------------------------------

    /** Processes this browser started that are still running after {@link #close}; empty when all ended. */
    public List<ProcessHandle> leftovers() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle p : ended) {
            if (p.isAlive() && !zombie(p)) {
                alive.add(p);
            }
        }
        return alive;
    }

    /** An ended process its parent has not reaped yet holds no resources but its process table entry. */
    private static boolean zombie(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                call("DELETE", "session/" + session, null);
            } catch (RuntimeException e) {
                // the processes are ended below either way
            }
            session = null;
        }
        endProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
        } catch (IllegalStateException exiting) {
            // already running as the hook
        }
        deleteProfile();
    }

    /** Ends chromedriver and everything it started (Chromium and its helpers), children first. */
    private synchronized void endProcesses() {
        List<ProcessHandle> tree = new ArrayList<>(driver.descendants().toList());
        tree.sort(Comparator.comparingLong(ProcessHandle::pid).reversed());
        tree.forEach(ProcessHandle::destroy);
        driver.destroy();
        awaitEnd(tree, driver.toHandle());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (driver.isAlive()) {
            driver.destroyForcibly();
        }
        awaitEnd(tree, driver.toHandle());
        ended.addAll(tree);
        ended.add(driver.toHandle());
    }

    private static void awaitEnd(List<ProcessHandle> tree, ProcessHandle driver) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline
                && (driver.isAlive() || tree.stream().anyMatch(p -> p.isAlive() && !zombie(p)))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: nothing depends on it
        }
    }
}
