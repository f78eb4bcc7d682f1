package dev.fuspath.executor.files;

import dev.fuspath.catalog.Sha256;
import dev.fuspath.planner.PlanStep;
import java.util.List;
import java.util.Locale;

/**
 * What a plan step's file must be. A plan can come from a file or another service, so its fields are checked
 * before any source looks for them.
 *
 * @param path the upstream repository path, or null when the step gives none
 */
record StepFile(int step, String file, String path, String sha256, long size) {

    /** No coprocessor image comes near this; a plan asking for more is not trusted with the memory. */
    static final long MAX_SIZE = 16L * 1024 * 1024;

    static StepFile of(PlanStep step, String source) throws FirmwareUnavailableException {
        if (step.file() == null) {
            throw new IllegalArgumentException("step " + step.n() + " (" + step.action() + ") has no file");
        }
        String file = step.file();
        String problem = null;
        if (file.isBlank() || file.length() > 255 || file.chars().anyMatch(Character::isISOControl)) {
            problem = "the plan's file name is empty, too long or has control characters";
            file = file.replaceAll("\\p{Cntrl}", "?");
            file = file.length() > 80 ? file.substring(0, 80) + "..." : file;
        } else if (step.sha256() == null || !Sha256.isValid(step.sha256().toLowerCase(Locale.ROOT))) {
            problem = "the plan gives no valid SHA-256 for it, so no copy can be verified";
        } else if (step.size() == null || step.size() < 0 || step.size() > MAX_SIZE) {
            problem = "the plan gives no size for it, or one over " + MAX_SIZE + " bytes";
        }
        if (problem != null) {
            throw new FirmwareUnavailableException(step.n(), file,
                    List.of(new FirmwareUnavailableException.Attempt(source, problem)));
        }
        return new StepFile(step.n(), file, step.path(), step.sha256().toLowerCase(Locale.ROOT), step.size());
    }

    boolean matches(byte[] bytes, String sha) {
        return bytes.length == size && sha.equals(sha256);
    }

    /** Null when the bytes are the plan's, else what is wrong with them. */
    String mismatch(byte[] bytes) {
        if (bytes.length != size) {
            return bytes.length + " bytes, not the plan's " + size;
        }
        String sha = Sha256.of(bytes);
        return sha.equals(sha256) ? null : "SHA-256 " + sha + ", not the plan's " + sha256;
    }
}
