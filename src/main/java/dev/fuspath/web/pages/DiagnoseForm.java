package dev.fuspath.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the diagnose form holds: the log as pasted (empty when it is not to be shown again) and the chip and FUS
 * hints as typed, stripped.
 */
public record DiagnoseForm(String log, String chip, String fus) {

    /** The longest hints taken, as the API's query parameters. */
    static final int MAX_CHIP = 40;
    static final int MAX_FUS = 20;

    static final DiagnoseForm EMPTY = new DiagnoseForm("", "", "");

    public DiagnoseForm {
        log = log == null ? "" : log;
        chip = chip == null ? "" : chip.strip();
        fus = fus == null ? "" : fus.strip();
    }

    /** One message per hint longer than it may be; empty when both fit. */
    List<String> tooLong() {
        List<String> problems = new ArrayList<>();
        if (chip.length() > MAX_CHIP) {
            problems.add("the chip must be at most " + MAX_CHIP + " characters (it has " + chip.length() + ")");
        }
        if (fus.length() > MAX_FUS) {
            problems.add("the FUS version must be at most " + MAX_FUS + " characters (it has " + fus.length() + ")");
        }
        return problems;
    }

    /** The hints cut to the lengths they take, without the log. */
    DiagnoseForm hintsOnly() {
        return new DiagnoseForm("", chip.length() > MAX_CHIP ? chip.substring(0, MAX_CHIP) : chip,
                fus.length() > MAX_FUS ? fus.substring(0, MAX_FUS) : fus);
    }

    DiagnoseForm withLog(String text) {
        return new DiagnoseForm(text, chip, fus);
    }

    Optional<String> chipHint() {
        return chip.isEmpty() ? Optional.empty() : Optional.of(chip);
    }

    Optional<String> fusHint() {
        return fus.isEmpty() ? Optional.empty() : Optional.of(fus);
    }
}
