package dev.fuspath.diagnose;

import dev.fuspath.programmer.FusObservation;
import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerError;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import dev.fuspath.rules.CodeBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Findings from the codes a log prints: one per FUS state, FUS status and programmer error code, explained from
 * rules/fus-codes.json; then the two patterns several codes point to: flash write errors during an install, and FUS
 * not running.
 */
final class CodeFindings {

    private static final Set<String> WRITE_CODES = Set.of("FUS_IMAGE_WRTERROR", "WRITE_FAILED", "FUS_FLASH_ERROR",
            "FUS_IMAGE_ERSERROR");
    private static final Set<String> NOT_RUNNING_CODES = Set.of("FUS_STATE_NOT_RUNNING", "FUS_NOT_IDLE");

    /** Where a code was printed, and whether that occurrence is harmless. */
    private record Occurrence(int line, boolean errorLine, boolean benign, Operation op) {
    }

    private final ProgrammerSession session;
    private final CodeBook book;
    private final Map<Integer, Operation> opByLine = new HashMap<>();
    private final Map<String, List<Occurrence>> byCode = new LinkedHashMap<>();

    CodeFindings(ProgrammerSession session, CodeBook book) {
        this(session, book, Set.of());
    }

    /**
     * @param superseded first lines of failed operations whose result the log shows all the same ({@link Superseded}):
     *                   their codes are harmless
     */
    CodeFindings(ProgrammerSession session, CodeBook book, Set<Integer> superseded) {
        this.session = session;
        this.book = book;
        for (Operation op : session.operations()) {
            op.lines().forEach(l -> opByLine.put(l, op));
        }
        Set<Integer> flashEmpty = new TreeSet<>();
        for (ProgrammerError w : session.warnings()) {
            if (w.message().toLowerCase(Locale.ROOT).contains("flash already empty")) {
                flashEmpty.add(w.line());
            }
        }
        for (FusObservation o : session.fusObservations()) {
            Operation op = opByLine.get(o.line());
            boolean benign = flashEmpty.contains(o.line()) || succeeded(op) || clearedLater(o, op)
                    || op != null && superseded.contains(op.firstLine());
            add(o.name(), new Occurrence(o.line(), false, benign, op));
        }
        for (ProgrammerError e : session.errors()) {
            Operation op = opByLine.get(e.line());
            add(e.code(), new Occurrence(e.line(), true, op != null && superseded.contains(op.firstLine()), op));
        }
        for (ProgrammerError w : session.warnings()) {
            Operation op = opByLine.get(w.line());
            add(w.code(), new Occurrence(w.line(), false, flashEmpty.contains(w.line()) || succeeded(op)
                    || op != null && superseded.contains(op.firstLine()), op));
        }
    }

    private void add(String code, Occurrence o) {
        List<Occurrence> list = byCode.computeIfAbsent(code, k -> new ArrayList<>());
        if (list.stream().noneMatch(x -> x.line() == o.line() && x.errorLine() == o.errorLine())) {
            list.add(o);
        }
    }

    private static boolean succeeded(Operation op) {
        return op != null && op.succeeded();
    }

    /** A status that a later FUS_NO_ERROR of the same operation superseded (FUS polled while a service ran). */
    private static boolean clearedLater(FusObservation o, Operation op) {
        return op != null && op.fusStatuses().stream()
                .anyMatch(s -> s.line() > o.line() && s.name().equals("FUS_NO_ERROR"));
    }

    void addTo(Findings findings) {
        byCode.forEach((code, occurrences) -> explain(code, occurrences, findings));
        writeErrors(findings);
        fusNotRunning(findings);
    }

    private void explain(String code, List<Occurrence> occurrences, Findings findings) {
        Optional<CodeBook.Entry> entry = book.lookup(code)
                .or(() -> code.startsWith("DEV_") ? book.lookup("DEV_ERROR") : Optional.empty());
        List<Integer> lines = occurrences.stream().map(Occurrence::line).toList();
        if (entry.isEmpty()) {
            findings.add("unknown-code", Diagnosis.WARNING, code + " is no code fuspath knows (rules/fus-codes.json);"
                    + " read the message on the line", lines, null);
            return;
        }
        CodeBook.Entry e = entry.get();
        String severity;
        String context = "";
        if (occurrences.stream().allMatch(Occurrence::benign)) {
            severity = Diagnosis.INFO;
            if (!e.severity().equals(Diagnosis.INFO)) {
                context = " Here it was harmless: the operation went on and succeeded, was retried with success,"
                        + " or its result shows later in the log, or there was nothing to delete.";
            }
        } else if (occurrences.stream().anyMatch(o -> !o.benign() && (o.errorLine() || (o.op() != null && o.op().failed())))) {
            severity = e.severity();
        } else {
            severity = Findings.rank(e.severity()) < Findings.rank(Diagnosis.WARNING) ? Diagnosis.WARNING : e.severity();
        }
        String name = e.name().equals(code) ? code : code + " (" + e.name() + ")";
        String value = e.value().equals("-") ? "" : " [" + e.value() + "]";
        findings.add(code, severity, name + value + ": " + e.meaning() + context, lines,
                severity.equals(Diagnosis.INFO) || e.remedies().isEmpty() ? null
                        // rules/fus-codes.json writes the SWD form; a USB log gets the command for its own port
                        : String.join("; ", e.remedies()).replace("-c port=swd -startfus",
                        "-c port=" + port(session) + " -startfus"),
                severity.equals(Diagnosis.INFO) ? List.of() : e.likelyCauses());
    }

    private void writeErrors(Findings findings) {
        List<Occurrence> hits = new ArrayList<>();
        WRITE_CODES.forEach(c -> byCode.getOrDefault(c, List.of()).stream().filter(o -> !o.benign()).forEach(hits::add));
        if (hits.isEmpty()) {
            return;
        }
        Operation op = hits.stream().map(Occurrence::op).filter(o -> o != null && o.file() != null).findFirst()
                .orElse(null);
        boolean install = op != null && op.kind() == Operation.Kind.FWUPGRADE;
        boolean usb = session.interfaceKind() == InterfaceKind.USB;
        String what = op == null ? "" : (install ? " while installing " : " while writing ")
                + Binaries.upstreamName(op.file());
        findings.add("install-write-error", Diagnosis.ERROR, "Writing or erasing the flash failed" + what
                        + (usb ? " over USB DFU" : "") + ". The file is not the cause: flash writes fail when the"
                        + " supply sags or the link drops while FUS or the bootloader writes.",
                hits.stream().map(Occurrence::line).toList(),
                "power the board from a stable external 3.3 V supply (not a bus-powered USB port or hub), use a"
                        + " short cable straight to the computer, and install over SWD through an ST-LINK"
                        + " (STM32_Programmer_CLI -c port=swd mode=UR ...) rather than USB DFU; then repeat the install",
                List.of("weak or unstable supply during the flash write", "USB link reset while the part writes"));
    }

    /** Whether anything after a line shows FUS answering: a FUS version read, FUS_IDLE, or an operation that succeeded. */
    private boolean answeredAfter(int line) {
        return session.fusVersions().stream().anyMatch(v -> v.line() > line && !v.blank())
                || session.fusObservations().stream().anyMatch(o -> o.line() > line && o.name().equals("FUS_IDLE"))
                || session.operations().stream().anyMatch(o -> o.firstLine() > line && o.succeeded()
                && o.kind() != Operation.Kind.CONNECT);
    }

    private void fusNotRunning(Findings findings) {
        List<Integer> strong = new ArrayList<>();
        // a not-running state in an operation that succeeded is harmless: the normal end of a stack install
        // (FUS_ERROR / FUS_NOT_RUNNING, then "Firmware Upgrade Success": the stack runs now, so FUS does not), or
        // a command that found FUS not running and started it (FUS_IDLE follows)
        NOT_RUNNING_CODES.forEach(c -> byCode.getOrDefault(c, List.of()).stream().filter(o -> !o.benign())
                .forEach(o -> strong.add(o.line())));
        List<Integer> weak = new ArrayList<>();
        byCode.getOrDefault("FUS_ERR_UNKNOWN", List.of()).stream().filter(o -> !o.benign())
                .forEach(o -> weak.add(o.line()));
        List<FusVersion> blanks = session.fusVersions().stream()
                .filter(v -> v.blank() && v.address() != ProgrammerOutputParser.REPORTED_BY_TOOL).toList();
        blanks.forEach(v -> weak.add(v.line()));
        if (strong.isEmpty() && weak.isEmpty()) {
            return;
        }
        boolean readLater = !blanks.isEmpty() && session.fusVersions().stream()
                .anyMatch(v -> !v.blank() && v.line() > blanks.get(blanks.size() - 1).line());
        // FUS_ERR_UNKNOWN (a warning line, too: st-125135 in logs/real) with nothing after it that shows FUS
        // answering: the log ends with FUS not answering, which is the failure itself
        int lastUnknown = byCode.getOrDefault("FUS_ERR_UNKNOWN", List.of()).stream().filter(o -> !o.benign())
                .mapToInt(Occurrence::line).max().orElse(-1);
        boolean endsUnanswered = lastUnknown > 0 && !answeredAfter(lastUnknown);
        String severity = !strong.isEmpty() || endsUnanswered ? Diagnosis.ERROR
                : readLater ? Diagnosis.INFO : Diagnosis.WARNING;
        List<String> signs = new ArrayList<>();
        if (!strong.isEmpty()) {
            signs.add("FUS reported it is not running / not idle");
        }
        if (byCode.getOrDefault("FUS_ERR_UNKNOWN", List.of()).stream().anyMatch(o -> !o.benign())) {
            signs.add("FUS_ERR_UNKNOWN, which ST explains as FUS not being active");
        }
        if (!blanks.isEmpty()) {
            signs.add("the FUS version word reads 0 (" + SessionView.hex8(blanks.get(0).address()) + ")"
                    + (session.interfaceKind() == InterfaceKind.SWD && blanks.get(0).address()
                    == ProgrammerOutputParser.FUS_INFO_ADDRESS_USB ? ", and over SWD 0x20030030 holds the FUS version"
                    + " only while FUS runs; the device information table is at 0x20010010" : ""));
        }
        List<Integer> lines = new ArrayList<>(strong);
        lines.addAll(weak);
        findings.add("fus-not-running", severity, "FUS was not running when it was asked for: "
                        + String.join("; ", signs) + (readLater ? ". A later read shows a FUS version."
                        : endsUnanswered ? ". Nothing after it shows FUS answering: the log ends with FUS not"
                        + " answering." : "."),
                lines, severity.equals(Diagnosis.INFO) ? null
                        : "start FUS first: STM32_Programmer_CLI -c port=" + port(session) + " -startfus (or 'Start"
                        + " FUS' in the GUI), read the FUS version (-r32 0x20010010 1 over SWD, -r32 0x20030030 1 over"
                        + " USB), then repeat the command",
                List.of("the wireless stack runs on CPU2, so FUS does not answer", "nothing started FUS over SWD"));
    }

    /** The -c port= value of the session's own interface, so that a remedy's command works as printed. */
    static String port(ProgrammerSession session) {
        return session.interfaceKind() == InterfaceKind.USB ? "usb1" : "swd";
    }
}
