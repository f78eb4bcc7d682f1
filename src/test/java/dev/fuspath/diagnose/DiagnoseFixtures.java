package dev.fuspath.diagnose;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The log fixtures of src/test/resources/logs and a Diagnoser on the bundled catalog. */
public final class DiagnoseFixtures {

    public static final List<String> ALL = List.of("success-swd-fus-chain-and-stack.log", "wrong-address-gui.log",
            "fus-v2-only-on-fus1-usb.log", "fus-out-of-order-usb.log", "size-mismatch-gui.log", "write-error-usb.log",
            "fus-not-running-usb.log", "wrong-device-swd.log", "no-target-swd.log");

    private static Diagnoser diagnoser;

    private DiagnoseFixtures() {
    }

    public static synchronized Diagnoser diagnoser() {
        if (diagnoser == null) {
            try {
                Catalog catalog = CatalogFiles.readClasspath(DiagnoseFixtures.class.getClassLoader());
                diagnoser = new Diagnoser(catalog, new Planner(catalog, Rules.bundled(), ChipRules.bundled(),
                        Procedures.bundled()), ChipRules.bundled(), Rules.bundled());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return diagnoser;
    }

    public static String log(String name) {
        try (InputStream in = DiagnoseFixtures.class.getResourceAsStream("/logs/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1-based number of the first line containing {@code needle}, past the fixture's "#" comment lines. */
    public static int lineOf(String text, String needle) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle) && !lines[i].startsWith("#")) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }
}
