package dev.fuspath.diagnose;

import dev.fuspath.diagnose.Diagnosis.Erase;
import dev.fuspath.diagnose.Diagnosis.OperationView;
import dev.fuspath.diagnose.Diagnosis.Session;
import dev.fuspath.diagnose.Diagnosis.VersionSeen;
import dev.fuspath.programmer.DeviceInfoTable;
import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.MemoryRead;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerError;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The session summary of a diagnosis, from what the parser understood. */
final class SessionView {

    static final long FLASH_BASE = 0x08000000L;
    /** Wireless stack version in the device information table FUS fills, as read over SWD. */
    static final long STACK_INFO_ADDRESS_SWD = 0x20010014L;

    private SessionView() {
    }

    static Session of(ProgrammerSession s, Optional<Integer> pageSize) {
        List<VersionSeen> fus = s.fusVersions().stream().map(SessionView::version).toList();
        List<OperationView> ops = s.operations().stream().map(o -> operation(o, pageSize)).toList();
        return new Session(s.toolVersion(), s.interfaceKind().name(), s.deviceId(), s.deviceName(),
                s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().label(),
                s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().bytes(),
                fus, stackVersions(s), ops);
    }

    static List<VersionSeen> stackVersions(ProgrammerSession s) {
        List<VersionSeen> out = new ArrayList<>();
        boolean fusTable = false;
        for (MemoryRead r : s.reads()) {
            for (int i = 0; i < r.words().size(); i++) {
                long address = r.address() + 4L * i;
                long word = r.words().get(i);
                if (address == DeviceInfoTable.ADDRESS) {
                    fusTable = word == DeviceInfoTable.FUS_STATE_WORD;
                }
                boolean at = address == STACK_INFO_ADDRESS_SWD
                        || fusTable && address == DeviceInfoTable.ADDRESS + DeviceInfoTable.FUS_LAYOUT_STACK;
                // a word that is no version (st-884501: 130E0019 read while the stack ran) is not listed as one
                if (at && FusVersion.plausible(word)) {
                    out.add(version(FusVersion.decode(word, address, r.line())));
                }
            }
        }
        return out;
    }

    static VersionSeen version(FusVersion v) {
        return new VersionSeen(v.text(), hex8(v.word()),
                v.address() == ProgrammerOutputParser.REPORTED_BY_TOOL ? null : hex8(v.address()), v.blank(),
                v.line());
    }

    private static OperationView operation(Operation o, Optional<Integer> pageSize) {
        Erase erase = null;
        if (o.erase() != null) {
            String from = pageSize.map(p -> hex8(FLASH_BASE + (long) o.erase().firstSector() * p)).orElse(null);
            String to = pageSize.map(p -> hex8(FLASH_BASE + (o.erase().lastSector() + 1L) * p - 1)).orElse(null);
            erase = new Erase(o.erase().firstSector(), o.erase().lastSector(), from, to, o.erase().line());
        }
        return new OperationView(o.kind().name().toLowerCase(Locale.ROOT), o.outcome().name().toLowerCase(Locale.ROOT),
                o.file(), o.size() == null ? null : o.size().bytes(), o.size() == null ? null : o.size().raw(),
                o.address() == null ? null : hex8(o.address()), erase, o.lastFusState().orElse(null),
                o.lastFusStatus().orElse(null), o.firstLine(), o.lines().get(o.lines().size() - 1),
                o.errors().stream().map(ProgrammerError::line).toList());
    }

    static String hex8(long value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }
}
