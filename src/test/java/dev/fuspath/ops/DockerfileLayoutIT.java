package dev.fuspath.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.testing.Packaged;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/main/docker/Dockerfile.jvm, without Docker (this machine has none): its COPY lines are applied to the packaged
 * artifact in a folder standing for the image's root, and the service is started as the image starts it (java with
 * the recipe's JAVA_OPTS, -jar JAVA_APP_JAR, then CMD), on loopback and a free port instead of 0.0.0.0:8080. It must
 * become ready and answer the API. What this cannot check: the base image and its run-java.sh's own options.
 */
class DockerfileLayoutIT {

    private static final Pattern COPY = Pattern.compile("^COPY(?:\\s+--\\S+)*\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=\"([^\"]*)\"\\s*$");
    private static final Pattern CMD = Pattern.compile("^CMD\\s+\\[(.*)]\\s*$");

    @TempDir
    Path root;

    @Test
    void theRecipesLayoutAndCommandServeTheApi() throws Exception {
        Path target = Packaged.jar().getParent().getParent();
        Path project = target.getParent();
        List<String> recipe = Files.readAllLines(project.resolve("src/main/docker/Dockerfile.jvm"));
        String javaOpts = null;
        String appJar = null;
        List<String> cmd = new ArrayList<>();
        int copies = 0;
        for (String line : recipe) {
            Matcher m;
            if ((m = COPY.matcher(line)).matches()) {
                copy(project, m.group(1), root.resolve(m.group(2).replaceFirst("^/", "")));
                copies++;
            } else if ((m = ENV.matcher(line)).matches() && m.group(1).equals("JAVA_OPTS")) {
                javaOpts = m.group(2);
            } else if ((m = ENV.matcher(line)).matches() && m.group(1).equals("JAVA_APP_JAR")) {
                appJar = m.group(2);
            } else if ((m = CMD.matcher(line)).matches()) {
                for (String word : m.group(1).split(",")) {
                    cmd.add(word.strip().replaceAll("^\"|\"$", ""));
                }
            }
        }
        assertEquals(4, copies, "the recipe copies lib/, the jars, app/ and quarkus/");
        assertTrue(javaOpts != null && appJar != null, "the recipe sets JAVA_OPTS and JAVA_APP_JAR");
        assertEquals(List.of("serve"), cmd);
        Path jar = root.resolve(appJar.replaceFirst("^/", ""));
        assertTrue(Files.isRegularFile(jar), "JAVA_APP_JAR is where the COPY lines put it: " + appJar);

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        // loopback and a free port, given after the recipe's options so that they win
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar",
                jar.toString()));
        command.addAll(cmd);
        Path log = root.resolve("service.log");
        Process service = new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            int ready = -1;
            while (ready != 200) {
                assertTrue(service.isAlive(), "the service ended: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "not ready in 120 s: " + Files.readString(log));
                try {
                    ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    Thread.sleep(200);
                }
            }
            HttpResponse<String> chips = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/chips")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chips.statusCode());
            assertTrue(chips.body().contains("STM32WB55RG"), chips.body());
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        assertFalse(Files.readString(log).contains("\tat "), "no stack trace: " + Files.readString(log));
    }

    /** COPY SRC DEST as Docker does it for a folder (its contents), a file, or a *.jar glob (the matching files). */
    private static void copy(Path project, String source, Path dest) throws IOException {
        boolean intoDir = source.endsWith("/") || source.contains("*");
        Path src = project.resolve(source.replaceAll("/$", ""));
        if (source.contains("*")) {
            Files.createDirectories(dest);
            Path dir = project.resolve(source.substring(0, source.lastIndexOf('/')));
            String glob = source.substring(source.lastIndexOf('/') + 1);
            int n = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
                for (Path f : files) {
                    Files.copy(f, dest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
            assertTrue(n > 0, source + " matches nothing");
        } else if (Files.isDirectory(src) && intoDir) {
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path f : walk.toList()) {
                    Path to = dest.resolve(src.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            assertTrue(Files.isRegularFile(src), source + " is not in the packaged artifact");
            Files.createDirectories(dest.getParent());
            Files.copy(src, dest, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
