package dev.fuspath.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads STM32_Programmer_CLI's own progress out of its output, a line at a time, for the status line {@code fuspath
 * flash} shows during a step at a terminal. It only ever changes what a person sees while waiting: what a call did is
 * read from its whole output by {@code ProgrammerOutputParser}.
 *
 * <p>An ordered rule table: the first rule whose pattern is found in a line gives the status. Every shape is quoted
 * from a real log under {@code src/test/resources/logs/real/} (named in {@code source}); {@code
 * ProgrammerProgressTest} runs each of those logs through it.
 */
final class ProgrammerProgress {

    /** One recognised shape: where it comes from, what it matches, what it shows. */
    record Rule(String source, Pattern pattern, Function<Matcher, String> status) {
    }

    static final List<Rule> RULES = List.of(
            // "[====================== ] 45%": the download bar, redrawn as the file goes out
            new Rule("st-278243-fus-upgrade-usb-v2.4.log lines 40-58; gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log line 51",
                    Pattern.compile("^\\s*\\[[= ]*\\]\\s*(\\d{1,3})%"), m -> "download " + m.group(1) + "%"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 119: \"Download in Progress:\"",
                    Pattern.compile("Download in Progress"), m -> "download started"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 121: \"File download complete\"",
                    Pattern.compile("File download complete"), m -> "download complete"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 112: \"Erasing internal memory sectors [236 241]\"",
                    Pattern.compile("Erasing internal memory sectors \\[(\\d+) (\\d+)\\]"),
                    m -> "erasing sectors " + m.group(1) + " to " + m.group(2)),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 90: \"Old Firmware delete ...\"; \"Old wireless stack delete ...\" (README of logs/real)",
                    Pattern.compile("Old (?:Firmware|wireless stack) delete \\.\\.\\."), m -> "deleting the old firmware"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 31: \"Firmware delete finished\"",
                    Pattern.compile("Firmware delete finished"), m -> "firmware delete finished"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 128: \"Firmware Upgrade process started ...\"",
                    Pattern.compile("Firmware Upgrade process started"), m -> "firmware upgrade started"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log lines 131, 218: \"Waiting for firmware upgrade end\"",
                    Pattern.compile("Waiting for firmware upgrade end"), m -> "waiting for firmware upgrade end"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 133: \"FUS state is FUS_UPGRADE_ONGOING\"",
                    Pattern.compile("FUS state is (FUS_[A-Z_]+)"), m -> "FUS state " + m.group(1)),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 227: \"Firmware Upgrade Success\"",
                    Pattern.compile("Firmware Upgrade Success"), m -> "firmware upgrade success"),
            new Rule("gh-mbed-os-stm32wb-readme-usb-v2.3.log line 104: \"Memory Programming ...\"",
                    Pattern.compile("Memory Programming"), m -> "programming"));

    private ProgrammerProgress() {
    }

    /** What {@code line} says of the call's progress, if it is one of the shapes above. */
    static Optional<String> status(String line) {
        if (line == null || line.length() > 400) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(line);
            if (m.find()) {
                return Optional.of(rule.status().apply(m));
            }
        }
        return Optional.empty();
    }
}
