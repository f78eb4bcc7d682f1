package dev.fuspath.diagnose;

import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.catalog.Kind;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerSession;
import dev.fuspath.rules.Rules;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The failed operations whose result the log shows all the same, so that their codes are no longer the failure of
 * the session: an operation retried later with success (same command, same file), and a FUS upgrade after which a
 * newer FUS version is read (gh-mbed-os-stm32wb-readme-usb-v2.3 in logs/real: "Firmware not authentic!" from FUS
 * 0.5.3, then FUS 1.0.2 is read). FUS never goes down, so a newer FUS read after an upgrade means that upgrade installed
 * it.
 */
final class Superseded {

    private Superseded() {
    }

    /** First lines of the failed operations whose result the log shows all the same. */
    static Set<Integer> of(ProgrammerSession session, Rules rules) {
        Set<Integer> out = new HashSet<>();
        for (Operation op : session.operations()) {
            if (!op.failed()) {
                continue;
            }
            if (retriedWithSuccess(session, op) || fusUpgradeTookEffect(session, op, rules)) {
                out.add(op.firstLine());
            }
        }
        return out;
    }

    private static boolean retriedWithSuccess(ProgrammerSession session, Operation op) {
        if (op.kind() == Operation.Kind.OTHER || op.kind() == Operation.Kind.CONNECT) {
            return false;
        }
        String file = op.file() == null ? null : Binaries.upstreamName(op.file());
        return session.operations().stream().anyMatch(o -> o.firstLine() > op.firstLine() && o.succeeded()
                && o.kind() == op.kind()
                && Objects.equals(file, o.file() == null ? null : Binaries.upstreamName(o.file())));
    }

    private static boolean fusUpgradeTookEffect(ProgrammerSession session, Operation op, Rules rules) {
        if (op.kind() != Operation.Kind.FWUPGRADE || op.file() == null
                || FileNameClaims.parse(Binaries.upstreamName(op.file()), rules).kind() != Kind.FUS) {
            return false;
        }
        int last = op.lines().get(op.lines().size() - 1);
        Optional<FirmwareVersion> before = Optional.empty();
        Optional<FirmwareVersion> after = Optional.empty();
        for (FusVersion v : session.fusVersions()) {
            if (v.blank() || !FusVersion.plausible(v.word())) {
                continue;
            }
            FirmwareVersion word = FirmwareVersion.fromWord(v.word());
            if (word == null) {
                continue;
            }
            FirmwareVersion version = FirmwareVersion.of(word.major(), word.minor(), word.sub());
            if (v.line() < op.firstLine()) {
                before = Optional.of(version);
            } else if (v.line() > last && after.isEmpty()) {
                after = Optional.of(version);
            }
        }
        return before.isPresent() && after.isPresent() && after.get().compareTo(before.get()) > 0;
    }
}
