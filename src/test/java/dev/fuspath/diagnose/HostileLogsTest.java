package dev.fuspath.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random mutations of the real-shaped logs: the diagnosis never throws, stays consistent, and is quick. */
class HostileLogsTest {

    private static final String[] INSERTS = {"\u0000", "\uFFFD", "\u001B[31m", "\r", "\t", "0x", "FUS_", "Error: ",
            "Warning: ", ":", " : ", "-fwupgrade ", "STM32_Programmer_CLI -c port=swd ", "0x080D0000", "0xFFFFFFFF",
            "Size : 99999999 KB", "Erasing internal memory sectors [999999 0]", "Current FUS Version : 0xFFFFFFFF",
            "FUS status is FUS_BRAND_NEW", "Device ID : 0x494", "Flash size : 0 KBytes", "File : ..\\..\\x (1).bin",
            "\u2013", "é", "💥", "(", "[", "]"};

    @Test
    void mutatedLogsNeverBreakTheDiagnosis() throws Exception {
        Random random = new Random(20261123);
        ObjectMapper json = new ObjectMapper();
        long worst = 0;
        int runs = 0;
        long start = System.nanoTime();
        for (String name : DiagnoseFixtures.ALL) {
            String original = DiagnoseFixtures.log(name);
            for (int i = 0; i < 150; i++) {
                String text = mutate(original, random);
                Optional<String> chip = random.nextInt(4) == 0 ? Optional.of(random.nextBoolean() ? "STM32WB55RG" : "x")
                        : Optional.empty();
                Optional<String> fus = random.nextInt(4) == 0 ? Optional.of(random.nextBoolean() ? "0.5.3" : "zz")
                        : Optional.empty();
                long t0 = System.nanoTime();
                Diagnosis d = DiagnoseFixtures.diagnoser().diagnose(text, new Diagnoser.Hints(chip, fus));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                worst = Math.max(worst, ms);
                runs++;
                assertNotNull(d, name);
                assertFalse(d.findings().isEmpty(), name + " mutant " + i + " has no finding");
                assertTrue(d.findings().stream().noneMatch(f -> f.code().equals("diagnosis-incomplete")),
                        () -> name + " mutant threw inside the diagnosis:\n" + text);
                for (Diagnosis.Finding f : d.findings()) {
                    f.evidence().forEach(l -> assertTrue(l >= 1 && l <= Math.max(1, d.input().lines()),
                            name + " evidence " + l + " of " + d.input().lines()));
                }
                assertNotNull(json.writeValueAsString(d));
            }
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        assertTrue(worst < 2_000, "slowest diagnosis took " + worst + " ms");
        assertTrue(total < 60_000, runs + " diagnoses took " + total + " ms");
    }

    @Test
    void oneMegabyteOfLogLinesIsQuick() {
        String unit = DiagnoseFixtures.log("fus-v2-only-on-fus1-usb.log");
        String big = unit.repeat(Diagnoser.MAX_CHARS / unit.length());
        long t0 = System.nanoTime();
        Diagnosis d = DiagnoseFixtures.diagnoser().diagnose(big, Diagnoser.Hints.NONE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "took " + ms + " ms");
        assertTrue(d.hasErrors());
    }

    private static String mutate(String text, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = r.nextInt(lines.size());
            String line = lines.get(at);
            switch (r.nextInt(8)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, lines.get(r.nextInt(lines.size())));
                case 3 -> {
                    int cut = line.isEmpty() ? 0 : r.nextInt(line.length());
                    lines.set(at, line.substring(0, cut) + INSERTS[r.nextInt(INSERTS.length)] + line.substring(cut));
                }
                case 4 -> lines.set(at, line.replaceAll("[0-9A-Fa-f]", Integer.toHexString(r.nextInt(16))));
                case 5 -> lines.set(at, line.length() > 2 ? line.substring(0, r.nextInt(line.length())) : line);
                case 6 -> lines.add(at, INSERTS[r.nextInt(INSERTS.length)].repeat(1 + r.nextInt(2000)));
                default -> {
                    char[] c = line.toCharArray();
                    if (c.length > 0) {
                        c[r.nextInt(c.length)] = (char) r.nextInt(0x3000);
                    }
                    lines.set(at, new String(c));
                }
            }
        }
        return String.join(r.nextInt(5) == 0 ? "\r\n" : "\n", lines);
    }
}
