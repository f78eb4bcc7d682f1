package dev.fuspath.web.pages;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.diagnose.Diagnosis.OperationView;
import dev.fuspath.diagnose.Diagnosis.VersionSeen;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a log shows of the session, in words for the diagnose page; each operation as a table row. */
public record SessionSummary(String tool, String iface, String device, String flash, String fus, String stack,
                             List<Row> operations, int operationCount) {

    /** Operations shown; a longer session says how many more it has. */
    static final int MAX_ROWS = 200;

    public record Row(String lines, String kind, String outcome, String file, String size, String address,
                      String erased, String fus, String errorLines) {
    }

    static SessionSummary of(Diagnosis.Session s) {
        String device = s.deviceId() == null ? "ID not shown"
                : s.deviceId() + (s.deviceName() == null ? "" : " (" + s.deviceName() + ")");
        List<Row> rows = s.operations().stream().limit(MAX_ROWS).map(SessionSummary::row).toList();
        return new SessionSummary(s.toolVersion() == null ? "version not shown" : s.toolVersion(),
                iface(s.interfaceKind()), device, s.flashSize() == null ? "not shown" : s.flashSize(),
                versions(s.fusVersions()), versions(s.stackVersions()), rows, s.operations().size());
    }

    /** The session view spells the interface as {@link InterfaceKind#name()}. */
    private static String iface(String name) {
        return switch (InterfaceKind.valueOf(name)) {
            case USB -> "USB (DFU bootloader)";
            case SWD -> "SWD (ST-LINK)";
            case UNKNOWN -> "not shown";
            case JTAG, UART -> name;
        };
    }

    /** "1.2.0 (read at 0x20030030, line 27); none (0x00000000, line 40)"; null when the log shows none. */
    private static String versions(List<VersionSeen> seen) {
        if (seen.isEmpty()) {
            return null;
        }
        return seen.stream().map(v -> (v.blank() ? "none" : v.version()) + " ("
                        + (v.address() == null ? "printed" : (v.blank() ? v.word() + " " : "") + "read at " + v.address())
                        + ", line " + v.line() + ")")
                .collect(Collectors.joining("; "));
    }

    private static Row row(OperationView o) {
        String lines = o.firstLine() == o.lastLine() ? String.valueOf(o.firstLine()) : o.firstLine() + "–" + o.lastLine();
        String size = o.sizeText() == null ? null
                : o.sizeText() + (o.size() == null || o.sizeText().startsWith(String.valueOf(o.size())) ? ""
                : String.format(Locale.ROOT, " (%,d bytes)", o.size()));
        String erased = o.erase() == null ? null : o.erase().from() != null
                ? o.erase().from() + "–" + o.erase().to() + " (line " + o.erase().line() + ")"
                : "sectors " + o.erase().firstSector() + "–" + o.erase().lastSector() + " (line " + o.erase().line() + ")";
        String fus = o.fusState() == null && o.fusStatus() == null ? null
                : (o.fusState() == null ? "" : o.fusState()) + (o.fusState() != null && o.fusStatus() != null ? " / " : "")
                + (o.fusStatus() == null ? "" : o.fusStatus());
        String errors = o.errorLines().isEmpty() ? null
                : o.errorLines().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new Row(lines, o.kind(), o.outcome(), o.file(), size, o.address(), erased, fus, errors);
    }

    public int hiddenOperations() {
        return operationCount - operations.size();
    }
}
