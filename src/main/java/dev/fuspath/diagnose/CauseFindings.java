package dev.fuspath.diagnose;

import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.MemoryRead;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerError;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Findings that name the cause of a failure class and its fix, where the codes alone do not (issue 11, "Diagnosis,
 * then"): an option-byte mismatch, an application's own DFU taken for the ROM bootloader, a lost USB connection
 * mid-operation, and a read of FUS's version words while FUS was not started. Each is drawn from what the session
 * shows, not from one log's text; the logs each class was seen in are named in logs/real.
 */
final class CauseFindings {

    /** Codes that say the option bytes are not what was written or what FUS expects (st-285479, st-33955, st-846738). */
    static final Set<String> OPTION_BYTE_CODES = Set.of("OPTION_BYTE_MISMATCH", "FUS_ERROR_INVALID_OB");
    /** Where FUS (0x20030030 over USB, the device information table over SWD) and the stack keep version words. */
    private static final Set<Long> VERSION_WORDS = Set.of(ProgrammerOutputParser.FUS_INFO_ADDRESS_USB,
            SessionView.STACK_INFO_ADDRESS_SWD);

    private final ProgrammerSession session;

    CauseFindings(ProgrammerSession session) {
        this.session = session;
    }

    void addTo(Findings findings) {
        optionBytes(findings);
        applicationDfu(findings);
        neverEnded(findings);
        readWithoutStartFus(findings);
    }

    private void optionBytes(Findings findings) {
        List<ProgrammerError> hits = session.errors().stream().filter(e -> OPTION_BYTE_CODES.contains(e.code())
                || e.code().endsWith("INVALID_OB"))
                .toList();
        if (hits.isEmpty()) {
            return;
        }
        List<String> fields = new ArrayList<>();
        for (ProgrammerError e : hits) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Option Byte \"([A-Za-z0-9_]{1,24})\"")
                    .matcher(e.message());
            if (m.find() && !fields.contains(m.group(1))) {
                fields.add(m.group(1));
            }
        }
        boolean fus = hits.stream().anyMatch(e -> e.code().startsWith("FUS_"));
        String what = fus ? "FUS found the option bytes and their copy (UFB) it keeps disagree, so it refuses to"
                + " install or delete"
                : "the option bytes read back differ from what was written"
                + (fields.isEmpty() ? "" : " (" + String.join(", ", fields) + ")");
        findings.add("option-byte-mismatch", Diagnosis.ERROR, "Option-byte mismatch: " + what + ". This follows"
                        + " a change of SFSA or another secure option byte (by hand, or by a FUS or stack install that"
                        + " did not finish): those fields belong to FUS and only FUS may change them, so a write from"
                        + " the programmer does not hold.",
                hits.stream().map(ProgrammerError::line).toList(),
                "do not write SFSA (or other secure option bytes) yourself; power-cycle the board (a reset reloads"
                        + " the option bytes), start FUS (-startfus) and read its state; if FUS still reports the"
                        + " mismatch, reinstall the wireless stack through FUS (-fwupgrade), which sets SFSA itself;"
                        + " for nSWboot0/nBOOT0, write them in one -ob command with the board powered from a stable"
                        + " supply and check them after a power cycle",
                List.of("SFSA written by hand instead of by FUS", "an interrupted FUS or stack install",
                        "option bytes not reloaded (no power cycle) after the change"));
    }

    private void applicationDfu(Findings findings) {
        if (!session.applicationDfu()) {
            return;
        }
        List<Integer> lines = new ArrayList<>();
        session.operations().stream().filter(o -> o.kind() == Operation.Kind.FWUPGRADE
                        || o.kind() == Operation.Kind.FWDELETE || o.kind() == Operation.Kind.STARTFUS)
                .forEach(o -> lines.add(o.firstLine()));
        session.reads().stream().filter(r -> r.address() == ProgrammerOutputParser.FUS_INFO_ADDRESS_USB)
                .forEach(r -> lines.add(r.line()));
        session.errors().forEach(e -> lines.add(e.line()));
        findings.add("application-dfu-not-rom-bootloader", Diagnosis.ERROR, "The USB DFU device is the application's"
                        + " own DFU (its banner says \"IAP\"), not ST's ROM bootloader: it cannot reach FUS, so FUS"
                        + " commands are refused and a read of 0x20030030 returns the application's RAM, not the FUS"
                        + " version.",
                lines, "enter the ROM bootloader: hold BOOT0 high (on a Nucleo, the BOOT0 jumper or switch) while you"
                        + " reset or plug the board in, or, where nSWboot0 is cleared, set nBOOT0 accordingly; check"
                        + " that the banner no longer says IAP, then read FUS (-r32 0x20030030 1) and repeat the command",
                List.of("the board booted the application (BOOT0 low) and its USB DFU answered"));
    }

    private void neverEnded(Findings findings) {
        for (Operation op : session.operations()) {
            if (op.outcome() != Operation.Outcome.UNKNOWN
                    || op.notes().stream().noneMatch(n -> n.startsWith(ProgrammerOutputParser.NEVER_ENDED))) {
                continue;
            }
            String what = op.kind().name().toLowerCase(Locale.ROOT);
            if (session.interfaceKind() == InterfaceKind.USB) {
                findings.add("lost-usb-connection", Diagnosis.ERROR, "The " + what + " never ended: the log stops"
                                + " while it ran over USB DFU, the sign of a USB connection lost mid-operation (the"
                                + " part reset, re-enumerated or lost power while FUS worked).",
                        op.lines(), "power the board from a stable supply, use a short cable straight to the computer"
                                + " (no hub), or use SWD through an ST-LINK; then start FUS and read its state again"
                                + " ('Read FUS infos') before you retry: the " + what + " may have finished or may"
                                + " have left FUS busy", List.of("USB link lost mid-operation", "supply dip on a"
                                + " bus-powered board"));
            } else {
                findings.add("operation-never-ended", Diagnosis.WARNING, "The " + what + " never ended: the log stops"
                                + " while it ran, so its outcome is unknown.",
                        op.lines(), "check the connection and the supply, read the FUS state again ('Read FUS infos')"
                                + " before you retry");
            }
        }
    }

    /**
     * A plausible version word read at 0x20030030 or 0x20010014 after the log shows the wireless stack running (a
     * stack install that ended with FUS_NOT_RUNNING, as the real tool ends one, or a -startwirelessstack that
     * succeeded) and before any -startfus: the word may be the stack's, not FUS's. A warning, since the word itself
     * looks like a version.
     */
    private void plausibleReadWhileTheStackRan(Findings findings, int firstStart) {
        int stackRan = session.operations().stream()
                .filter(o -> o.succeeded() && (o.kind() == Operation.Kind.STARTWIRELESSSTACK
                        || o.kind() == Operation.Kind.FWUPGRADE && o.fusStatuses().stream()
                        .anyMatch(st -> st.name().equals("FUS_STATE_NOT_RUNNING"))))
                .mapToInt(o -> o.lines().get(o.lines().size() - 1)).min().orElse(Integer.MAX_VALUE);
        List<Integer> lines = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (MemoryRead r : session.reads()) {
            for (int i = 0; i < r.words().size(); i++) {
                long address = r.address() + 4L * i;
                long word = r.words().get(i);
                if (VERSION_WORDS.contains(address) && r.line() > stackRan && r.line() < firstStart && word != 0
                        && FusVersion.plausible(word) && !session.applicationDfu()) {
                    lines.add(r.line());
                    words.add(String.format(Locale.ROOT, "%08X at %s", word, SessionView.hex8(address)));
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        findings.add("fus-not-started-before-read", Diagnosis.WARNING, "The read gave " + String.join(", ", words)
                        + " after the log shows the wireless stack running and no -startfus before the read: while the"
                        + " stack runs, these words are the stack's, not FUS's, so the read may not be FUS's version.",
                lines, "start FUS first (STM32_Programmer_CLI -c port=" + CodeFindings.port(session) + " -startfus, or"
                        + " 'Start FUS' in the GUI), then read the FUS version again",
                List.of("the wireless stack was running, so FUS did not fill these words"));
    }

    /**
     * Version words read at 0x20030030 or 0x20010014 while nothing in the log started FUS: while the wireless stack
     * runs those words are the stack's, so a word that is no plausible version (st-884501 in logs/real: 130E0019 after
     * a stack install) shows the read was not FUS's.
     */
    private void readWithoutStartFus(Findings findings) {
        int firstStart = session.operations().stream()
                .filter(o -> o.kind() == Operation.Kind.STARTFUS && !o.failed())
                .mapToInt(Operation::firstLine).min().orElse(Integer.MAX_VALUE);
        List<Integer> lines = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (MemoryRead r : session.reads()) {
            for (int i = 0; i < r.words().size(); i++) {
                long address = r.address() + 4L * i;
                long word = r.words().get(i);
                if (VERSION_WORDS.contains(address) && r.line() < firstStart && !FusVersion.plausible(word)
                        && !session.applicationDfu()) {
                    lines.add(r.line());
                    words.add(String.format(Locale.ROOT, "%08X at %s", word, SessionView.hex8(address)));
                }
            }
        }
        if (lines.isEmpty()) {
            plausibleReadWhileTheStackRan(findings, firstStart);
            return;
        }
        findings.add("fus-not-started-before-read", Diagnosis.ERROR, "The read gave " + String.join(", ", words)
                        + ", which is no FUS or stack version, and the log shows no -startfus before it: while the"
                        + " wireless stack runs, these words are the stack's, not FUS's, so the read may not be FUS's"
                        + " version at all.",
                lines, "start FUS first (STM32_Programmer_CLI -c port=" + CodeFindings.port(session) + " -startfus, or"
                        + " 'Start FUS' in the GUI), then"
                        + " read the FUS version ('Read FUS infos', or -r32 0x20010010 1 over SWD / -r32 0x20030030 1"
                        + " over USB); to read the stack's version, start the stack (-startwirelessstack) first",
                List.of("the wireless stack was running, so FUS did not fill these words"));
    }
}
