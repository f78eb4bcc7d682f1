package dev.fuspath.programmer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One command the tool ran, reconstructed from the command line (when the log shows it) and from the output.
 *
 * @param kind           what was run
 * @param arguments      command-line arguments that belong to it ("port=swd", "mode=UR", "firstinstall=0"), empty if
 *                       the command line was not in the text
 * @param file           file given or reported ("File : x.bin"); for fwupgrade the image, not the FUS operator helper
 * @param address        address given or reported, null if none
 * @param firstLine      1-based line where it was first seen
 * @param lines          every 1-based line attributed to it, ascending
 * @param fusStates      "FUS state is ..." lines seen while it was current
 * @param fusStatuses    "FUS status is ..." (and FUS codes in warnings) seen while it was current
 * @param errors         error lines seen while it was current
 * @param notes          notable non-error remarks ("FUS is already running", "Flash already empty")
 * @param outcome        SUCCEEDED/FAILED from the last success or error signal; UNKNOWN when neither was seen
 * @param elapsed        sum of its "Time elapsed ..." lines, null when none
 * @param fromCommandLine true if it was created from a STM32_Programmer_CLI command line in the text
 * @param size           the size printed for the file ("Size : 24492 Bytes"); for fwupgrade the image's, null when
 *                       none was printed
 * @param erase          the sectors erased for the file; for fwupgrade the image's, null when none were printed
 */
public record Operation(Kind kind, List<String> arguments, String file, Long address, int firstLine, List<Integer> lines,
                        List<FusObservation> fusStates, List<FusObservation> fusStatuses, List<ProgrammerError> errors,
                        List<String> notes, Outcome outcome, Duration elapsed, boolean fromCommandLine,
                        ImageSize size, EraseRange erase) {

    public enum Kind { CONNECT, READ, FWUPGRADE, FWDELETE, STARTFUS, STARTWIRELESSSTACK, ANTIROLLBACK, OPTIONBYTES, OTHER }

    public enum Outcome { SUCCEEDED, FAILED, UNKNOWN }

    public Operation {
        arguments = List.copyOf(arguments);
        lines = List.copyOf(lines);
        fusStates = List.copyOf(fusStates);
        fusStatuses = List.copyOf(fusStatuses);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public Optional<String> lastFusState() {
        return fusStates.isEmpty() ? Optional.empty() : Optional.of(fusStates.get(fusStates.size() - 1).name());
    }

    public Optional<String> lastFusStatus() {
        return fusStatuses.isEmpty() ? Optional.empty() : Optional.of(fusStatuses.get(fusStatuses.size() - 1).name());
    }
}
