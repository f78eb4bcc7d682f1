package dev.fuspath.diagnose;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.diagnose.Diagnosis.Input;
import dev.fuspath.diagnose.ImageChecks.Checked;
import dev.fuspath.diagnose.ImageChecks.Known;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanInputs;
import dev.fuspath.planner.Planner;
import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import dev.fuspath.rules.CodeBook;
import dev.fuspath.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads a STM32CubeProgrammer log (GUI log or STM32_Programmer_CLI output) and says what went wrong, from the codes
 * it prints and by checking each image it installs against the catalog; when the log says enough, it adds the plan
 * that would have worked. Never throws: any text gets a {@link Diagnosis}.
 */
public final class Diagnoser {

    /** The longest text read: the API's body limit (1 MiB), in characters. */
    public static final int MAX_CHARS = 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(Diagnoser.class);

    /**
     * What the user knows beside the log.
     *
     * @param chip a part number or ordering code
     * @param fus  the FUS version "Read FUS infos" shows (1.2.0, v1.2.0 or the word 01020000)
     */
    public record Hints(Optional<String> chip, Optional<String> fus) {
        public static final Hints NONE = new Hints(Optional.empty(), Optional.empty());
    }

    private final Planner planner;
    private final ChipRules chips;
    private final Rules rules;
    private final CodeBook codes;
    private final ImageChecks images;

    public Diagnoser(Catalog catalog, Planner planner, ChipRules chips, Rules rules) {
        this.planner = planner;
        this.chips = chips;
        this.rules = rules;
        this.codes = CodeBook.bundled();
        this.images = new ImageChecks(catalog, new Binaries(catalog), planner, chips, rules);
    }

    public Diagnosis diagnose(String log, Optional<String> chipHint) {
        return diagnose(log, new Hints(chipHint, Optional.empty()));
    }

    public Diagnosis diagnose(String log, Hints hints) {
        try {
            return run(log, hints == null ? Hints.NONE : hints);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.errorf(e, "diagnosis failed on a text of %d characters", log == null ? 0 : log.length());
            Findings f = new Findings();
            f.add("diagnosis-incomplete", Diagnosis.WARNING, "fuspath could not finish reading this log ("
                    + e.getClass().getSimpleName() + "); this is a bug in fuspath", List.of(),
                    "report it with the log");
            return new Diagnosis(new Input("cubeprogrammer", log.length(), 0, null), null, f.sorted(), null);
        }
    }

    /**
     * The answer for a log longer than {@link #MAX_CHARS}, which is not read.
     *
     * @param characters how many characters it has, as far as known
     * @param size       how long it is, in words ("more than 1048576 bytes")
     */
    public static Diagnosis tooLarge(long characters, String size) {
        Findings findings = new Findings();
        findings.add("log-too-large", Diagnosis.WARNING, "the log has " + size + "; fuspath reads logs of up to "
                + MAX_CHARS + " characters (1 MiB)", List.of(), "keep the part of the log from the connection before"
                + " the failing command to its last line");
        return new Diagnosis(new Input("too-large", characters, 0, null), null, findings.sorted(), null);
    }

    private Diagnosis run(String log, Hints hints) {
        Findings findings = new Findings();
        if (InputCheck.blank(log)) {
            findings.add("empty-log", Diagnosis.INFO, "the log is empty", List.of(), "paste the whole log:"
                    + " the GUI's log panel, or everything STM32_Programmer_CLI printed, commands included");
            return new Diagnosis(new Input("empty", log == null ? 0 : log.length(), 0, null), null, findings.sorted(),
                    null);
        }
        if (log.length() > MAX_CHARS) {
            return tooLarge(log.length(), log.length() + " characters");
        }
        if (InputCheck.binary(log)) {
            findings.add("binary-input", Diagnosis.WARNING, "this is binary data, not a text log (a .bin image or an"
                    + " archive?)", List.of(), "to check a .bin file use fuspath inspect; to diagnose, paste the"
                    + " text STM32CubeProgrammer printed");
            return new Diagnosis(new Input("binary", log.length(), 0, null), null, findings.sorted(), null);
        }
        ProgrammerSession session = ProgrammerOutputParser.parse(log);
        if (!session.recognized()) {
            Optional<String> tool = InputCheck.otherTool(log);
            findings.add("not-cubeprogrammer", Diagnosis.WARNING, "this is not STM32CubeProgrammer output"
                    + tool.map(t -> " (it looks like " + t + ")").orElse(""), List.of(),
                    "fuspath reads STM32CubeProgrammer logs: the GUI's log panel or STM32_Programmer_CLI output;"
                            + " coprocessor images are installed through FUS with STM32CubeProgrammer");
            return new Diagnosis(new Input("other", log.length(), session.lineCount(), tool.orElse(null)), null,
                    findings.sorted(), null);
        }
        Chip chipHint = chipHint(hints, findings);
        Optional<Known> fusHint = fusHint(hints, findings);
        Device device = new Device(session, chipHint, chips, rules);
        deviceFindings(session, chipHint, findings);
        Set<Integer> superseded = Superseded.of(session, rules);
        new CodeFindings(session, codes, superseded).addTo(findings);
        new CauseFindings(session).addTo(findings);

        List<String> interfaces = session.interfaceKind() == InterfaceKind.USB ? List.of("usb", "swd")
                : List.of("swd", "usb");
        List<Checked> checked = new ArrayList<>();
        for (Operation op : session.operations(Operation.Kind.FWUPGRADE)) {
            if (op.file() != null) {
                Optional<Known> fus = advance(fusBefore(session, op, fusHint), checked, op.firstLine());
                checked.add(images.check(op, new ImageChecks.Context(device, fus, interfaces), findings,
                        superseded.contains(op.firstLine())));
            }
        }
        Optional<Known> fusNow = fusNow(session, checked, fusHint, findings);
        if (findings.sorted().stream().noneMatch(f -> !f.severity().equals(Diagnosis.INFO))) {
            findings.add("no-problem-found", Diagnosis.INFO, "the log shows no error: "
                    + session.operations().size() + " operation(s), none failed", List.of(), null);
        }
        boolean failed = findings.sorted().stream().anyMatch(f -> f.severity().equals(Diagnosis.ERROR));
        Diagnosis.CorrectedPlan plan = failed ? new PlanSuggestion(planner).suggest(checked, device, fusNow, interfaces)
                : null;
        return new Diagnosis(new Input("cubeprogrammer", log.length(), session.lineCount(), null),
                SessionView.of(session, device.pageSize(rules)), findings.sorted(), plan);
    }

    private Chip chipHint(Hints hints, Findings findings) {
        String text = hints.chip().filter(s -> !s.isBlank()).orElse(null);
        if (text == null) {
            return null;
        }
        Optional<Chip> chip = chips.find(text);
        if (chip.isEmpty()) {
            findings.add("chip-hint-unknown", Diagnosis.WARNING, "the chip given ('" + abbreviate(text) + "') is no"
                    + " part fuspath knows; it was ignored", List.of(), "give a part number such as STM32WB55RG");
        }
        return chip.orElse(null);
    }

    private static Optional<Known> fusHint(Hints hints, Findings findings) {
        String text = hints.fus().filter(s -> !s.isBlank()).orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Known(PlanInputs.fus(text), 0, "as you gave it"));
        } catch (IllegalArgumentException e) {
            findings.add("fus-hint-invalid", Diagnosis.WARNING, e.getMessage() + "; it was ignored", List.of(), null);
            return Optional.empty();
        }
    }

    private void deviceFindings(ProgrammerSession session, Chip hint, Findings findings) {
        List<Integer> idLines = session.banner().containsKey("Device ID")
                ? List.of(session.banner().get("Device ID").line()) : List.of();
        if (session.deviceId() != null && !Device.knownDeviceId(session.deviceId(), chips)) {
            findings.add("not-an-stm32wb", Diagnosis.ERROR, "device ID " + session.deviceId() + " is no STM32WB part"
                    + " (STM32WB5x and STM32WB3x are 0x495, STM32WB1x is 0x494): coprocessor images do not apply",
                    idLines, "connect the STM32WB part (check the probe's wiring and which board it reaches)");
        }
        if (hint != null && session.deviceId() != null && !hint.deviceId().equalsIgnoreCase(session.deviceId())) {
            findings.add("chip-hint-differs", Diagnosis.WARNING, "you gave " + hint.part() + " (device ID "
                    + hint.deviceId() + "), but the log shows device ID " + session.deviceId()
                    + "; fuspath follows your chip", idLines, "check which part the log was taken on");
        }
        if (hint != null && session.flashSize() != null && session.flashSize().bytes() > 0
                && !hint.flash().equals(session.flashSize().label())) {
            findings.add("chip-hint-differs", Diagnosis.WARNING, "you gave " + hint.part() + " (" + hint.flash()
                            + " flash), but the log shows " + session.flashSize().raw() + "; fuspath follows the log",
                    session.banner().containsKey("Flash size") ? List.of(session.banner().get("Flash size").line())
                            : List.of(), "check which part the log was taken on");
        }
    }

    /** The FUS the part ran when an operation started: read before it, printed during it, or the hint. */
    private static Optional<Known> fusBefore(ProgrammerSession session, Operation op, Optional<Known> hint) {
        FusVersion found = null;
        for (FusVersion v : session.fusVersions()) {
            boolean before = v.line() < op.firstLine();
            boolean printedDuring = v.address() == ProgrammerOutputParser.REPORTED_BY_TOOL
                    && v.line() <= op.lines().get(op.lines().size() - 1);
            if (!v.blank() && (before || printedDuring)) {
                found = v;
            }
        }
        return found == null ? hint : Optional.of(known(found));
    }

    /**
     * The FUS the part runs now: the hint (the user read it after the log), else the last version the log shows,
     * moved on by a FUS upgrade that succeeded after it.
     */
    private static Optional<Known> fusNow(ProgrammerSession session, List<Checked> checked, Optional<Known> hint,
                                         Findings findings) {
        Optional<Known> fromLog = advance(session.fusVersion().map(Diagnoser::known), checked, Integer.MAX_VALUE);
        if (hint.isPresent() && fromLog.isPresent() && !hint.get().version().sameRelease(fromLog.get().version())) {
            findings.add("fus-hint-differs", Diagnosis.WARNING, "you gave FUS " + hint.get().version() + ", but the"
                    + " log ends with FUS " + fromLog.get().version() + " (" + fromLog.get().source() + ");"
                    + " the corrected plan starts from yours", List.of(fromLog.get().line()),
                    "read the FUS version again ('Read FUS infos') before following the plan");
        }
        return hint.isPresent() ? hint : fromLog;
    }

    /** A FUS version moved on by the FUS upgrades that succeeded after it was seen and before {@code beforeLine}. */
    private static Optional<Known> advance(Optional<Known> fus, List<Checked> checked, int beforeLine) {
        Optional<Known> now = fus;
        for (Checked c : checked) {
            boolean image = !c.identity().isEmpty() && c.identity().get(0).record().kind() == dev.fuspath.catalog.Kind.FUS;
            int seen = now.map(Known::line).orElse(0);
            if (image && c.op().succeeded() && c.op().firstLine() > seen && c.op().firstLine() < beforeLine) {
                FirmwareVersion v = FirmwareVersion.parse(c.identity().get(0).record().version());
                if (v != null) {
                    now = Optional.of(new Known(v, c.op().firstLine(), "installed by the FUS upgrade on line "
                            + c.op().firstLine()));
                }
            }
        }
        return now;
    }

    private static Known known(FusVersion v) {
        FirmwareVersion version = FirmwareVersion.fromWord(v.word());
        version = version == null ? FirmwareVersion.of(0, 0, 0)
                : FirmwareVersion.of(version.major(), version.minor(), version.sub());
        return new Known(version, v.line(), (v.address() == ProgrammerOutputParser.REPORTED_BY_TOOL ? "printed"
                : "read at " + SessionView.hex8(v.address())) + " on line " + v.line());
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "...";
    }
}
