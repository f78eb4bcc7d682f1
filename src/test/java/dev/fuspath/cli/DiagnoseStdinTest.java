package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.app.CatalogHolder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * fuspath diagnose - reads standard input. Run on picocli alone: under @QuarkusMainTest, Quarkus puts its own console
 * in front of System.in.
 */
class DiagnoseStdinTest {

    @Test
    void dashReadsStandardInput() {
        InputStream before = System.in;
        StringWriter out = new StringWriter();
        int exit;
        try {
            System.setIn(new ByteArrayInputStream(DiagnoseFixtures.log("fus-not-running-usb.log")
                    .getBytes(StandardCharsets.UTF_8)));
            CommandLine cli = new CommandLine(new DiagnoseCommand(new CatalogHolder(Optional.empty())));
            cli.setOut(new PrintWriter(out));
            exit = cli.execute("-");
        } finally {
            System.setIn(before);
        }
        String text = out.toString();
        assertEquals(ExitCodes.FINDINGS, exit, text);
        assertTrue(text.startsWith("standard input: STM32CubeProgrammer 2.5.0 log"), text);
        assertTrue(text.contains("error   fus-not-running (lines "), text);
        assertTrue(text.contains("-startfus"), text);
    }
}
