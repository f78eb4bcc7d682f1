package dev.fuspath.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "fuspath plan ..." a remedy prints, over the fixtures and the real logs, runs as printed (issue 14: one
 * said "fuspath plan --fus 1.1.0", which fuspath plan refuses without --chip).
 */
class RemedyCommandsTest {

    private static final Pattern COMMAND = Pattern.compile("fuspath plan((?: --[a-z-]+ [^ ),;]+)+)");

    @Test
    void everyPlanCommandInARemedyRuns() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(getClass().getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
        List<String> logs = logs();
        List<String> failures = new ArrayList<>();
        int commands = 0;
        for (String log : logs) {
            for (Diagnosis.Finding f : DiagnoseFixtures.diagnoser().diagnose(log, Optional.empty()).findings()) {
                if (f.remedy() == null) {
                    continue;
                }
                Matcher m = COMMAND.matcher(f.remedy());
                while (m.find()) {
                    commands++;
                    Map<String, String> flags = new HashMap<>();
                    String[] words = m.group(1).strip().split(" ");
                    for (int i = 0; i + 1 < words.length; i += 2) {
                        flags.put(words[i], words[i + 1]);
                    }
                    if (!flags.containsKey("--chip") || !flags.containsKey("--fus")) {
                        failures.add(f.code() + ": '" + m.group() + "' lacks --chip or --fus, which fuspath plan needs");
                        continue;
                    }
                    try {
                        planner.plan(new Planner.Request(flags.get("--chip"), flags.get("--fus"), flags.get("--stack"),
                                flags.get("--target"), flags.get("--release"), flags.getOrDefault("--interface", "swd"),
                                false, false));
                    } catch (PlanException e) {
                        if (e.reason() == PlanException.Reason.INVALID_INPUT || e.reason() == PlanException.Reason.UNKNOWN_CHIP
                                || e.reason() == PlanException.Reason.UNKNOWN_RELEASE) {
                            failures.add(f.code() + ": '" + m.group() + "' is refused: " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertTrue(commands >= 2, "the fixtures print plan commands: " + commands);
        assertEquals(List.of(), failures);
    }

    /** A remedy's "-c port=... -startfus" names the interface the log used (port=usb1 for a USB log). */
    @Test
    void startFusRemediesUseTheLogsInterface() throws Exception {
        Pattern startFus = Pattern.compile("-c port=(\\w+) -startfus");
        List<String> failures = new ArrayList<>();
        int seen = 0;
        for (String log : logs()) {
            Diagnosis d = DiagnoseFixtures.diagnoser().diagnose(log, Optional.empty());
            if (d.session() == null) {
                continue;
            }
            String expected = switch (d.session().interfaceKind()) {
                case "USB" -> "usb1";
                case "SWD" -> "swd";
                default -> null;
            };
            for (Diagnosis.Finding f : d.findings()) {
                Matcher m = f.remedy() == null ? null : startFus.matcher(f.remedy());
                while (m != null && m.find()) {
                    seen++;
                    if (expected != null && !m.group(1).equals(expected)) {
                        failures.add(f.code() + " on a " + d.session().interfaceKind() + " log: " + m.group());
                    }
                }
            }
        }
        assertTrue(seen >= 1, "the logs give a start-FUS remedy");
        assertEquals(List.of(), failures);
    }

    private static List<String> logs() throws Exception {
        List<String> logs = new ArrayList<>();
        DiagnoseFixtures.ALL.forEach(n -> logs.add(DiagnoseFixtures.log(n)));
        try (Stream<Path> real = Files.list(Path.of("src/test/resources/logs/real"))) {
            for (Path p : real.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                logs.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return logs;
    }
}
