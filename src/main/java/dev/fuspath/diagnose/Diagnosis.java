package dev.fuspath.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fuspath.planner.Plan;
import java.util.List;

/**
 * What a STM32CubeProgrammer log says went wrong, and what to do instead. Field names are the API contract
 * ({@code Diagnosis} in openapi/openapi.yaml).
 *
 * @param input         what the text was
 * @param session       what the log shows, null when the text is not STM32CubeProgrammer output
 * @param findings      errors first, then warnings, then info; each with the log lines it rests on
 * @param correctedPlan the plan that would have worked, when the log (and the hints) say enough; else null
 */
public record Diagnosis(Input input, Session session, List<Finding> findings, CorrectedPlan correctedPlan) {

    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String INFO = "info";

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    @JsonIgnore
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity().equals(ERROR));
    }

    /**
     * @param kind       cubeprogrammer, empty, binary, too-large or other (text that is not STM32CubeProgrammer output)
     * @param characters length of the text
     * @param lines      lines read (0 when the text was not read)
     * @param tool       for kind other: the tool the text looks like it comes from, when fuspath can tell
     */
    public record Input(String kind, long characters, int lines, String tool) {
    }

    /**
     * @param interfaceKind SWD, JTAG, USB, UART or UNKNOWN
     * @param flashSize     flash size label as the release notes write it (1M, 512K...), null when not printed
     */
    public record Session(String toolVersion, String interfaceKind, String deviceId, String deviceName,
                          String flashSize, Long flashBytes, List<VersionSeen> fusVersions,
                          List<VersionSeen> stackVersions, List<OperationView> operations) {
        public Session {
            fusVersions = List.copyOf(fusVersions);
            stackVersions = List.copyOf(stackVersions);
            operations = List.copyOf(operations);
        }
    }

    /**
     * A FUS or stack version the log shows.
     *
     * @param word    the 32-bit word as printed, e.g. 0x01020000
     * @param address where it was read, e.g. 0x20030030; null when the tool printed it ("Current FUS Version")
     * @param blank   true for a zero word: nothing readable there (FUS not running, or no stack)
     */
    public record VersionSeen(String version, String word, String address, boolean blank, int line) {
    }

    /**
     * One command the log shows.
     *
     * @param kind      connect, read, fwupgrade, fwdelete, startfus, startwirelessstack, antirollback, optionbytes or
     *                  other
     * @param outcome   succeeded, failed or unknown
     * @param file      the file given (for fwupgrade, the image), as written in the log
     * @param size      its size in bytes as printed (rounded when printed in KB), null when not printed
     * @param sizeText  the size as printed
     * @param fusState  the last FUS state printed during it
     * @param fusStatus the last FUS status printed during it
     * @param errorLines lines of its error messages
     */
    public record OperationView(String kind, String outcome, String file, Long size, String sizeText, String address,
                                Erase erase, String fusState, String fusStatus, int firstLine, int lastLine,
                                List<Integer> errorLines) {
        public OperationView {
            errorLines = List.copyOf(errorLines);
        }
    }

    /**
     * The flash pages erased for a file; {@code from} and {@code to} (inclusive) are null when the page size is not
     * known (the family could not be told from the log).
     */
    public record Erase(int firstSector, int lastSector, String from, String to, int line) {
    }

    /**
     * @param code     a fuspath check (kebab-case, e.g. wrong-address) or a code from rules/fus-codes.json
     *                 (e.g. FUS_IMG_NOT_AUTHENTIC, NO_TARGET)
     * @param evidence 1-based log lines the finding rests on, ascending; empty when it rests on the whole text
     * @param remedy   what to do, null when nothing is to be done
     * @param causes   the likely causes, most likely first; empty when the finding names its cause
     */
    public record Finding(String code, String severity, String message, List<Integer> evidence, String remedy,
                          List<String> causes) {
        public Finding {
            evidence = List.copyOf(evidence);
            causes = List.copyOf(causes);
        }
    }

    /**
     * @param assumption  what fuspath assumed to make the plan (the part, the installed stack, the release)
     * @param plan        the plan, null when none could be made
     * @param unavailable why there is no plan, null when there is one
     */
    public record CorrectedPlan(String assumption, Plan plan, String unavailable) {
    }
}
