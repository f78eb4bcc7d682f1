package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only a real `serve` opens the port; LightStartIT checks the packaged artifact with the port taken. */
class MainTest {

    @Test
    void serveRunsTheService() {
        assertTrue(Main.runsService("serve"));
        assertTrue(Main.runsService("serve", "--not-an-option"), "picocli reports it, after the start");
    }

    @Test
    void helpAndVersionStartNothing() {
        for (String help : new String[] {"-h", "--help", "-V", "--version"}) {
            assertFalse(Main.runsService("serve", help), help);
            assertFalse(Main.runsService(help, "serve"), help);
        }
        assertFalse(Main.runsService("plan", "--chip", "serve"));
        assertFalse(Main.runsService());
    }
}
