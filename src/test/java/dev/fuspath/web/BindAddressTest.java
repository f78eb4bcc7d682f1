package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's posture: the bind address is explicit. {@code serve} listens on every interface (0.0.0.0) on port 8080,
 * the tests on 127.0.0.1 only, the container recipe sets 0.0.0.0 itself, and the README says so and how to change it.
 */
class BindAddressTest {

    @Test
    void theBindAddressIsExplicitAndSaid() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BindAddressTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertEquals("0.0.0.0", properties.getProperty("quarkus.http.host"));
        assertEquals("8080", properties.getProperty("quarkus.http.port"));
        assertEquals("127.0.0.1", properties.getProperty("%test.quarkus.http.host"));
        assertEquals("false", properties.getProperty("quarkus.http.http2"));
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.lines().anyMatch(l -> l.startsWith("ENV JAVA_OPTS=") && l.contains("-Dquarkus.http.host=0.0.0.0")),
                "the container recipe sets the host it needs");
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("`fuspath serve` listens on every interface (`quarkus.http.host=0.0.0.0`), port 8080"),
                "the README says what serve listens on");
        assertTrue(readme.contains("`-Dquarkus.http.host=127.0.0.1` keeps it to this machine"), "and how to change it");
    }
}
