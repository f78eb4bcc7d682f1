package dev.fuspath.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one loader of the hand-written rules ({@code rules/} in the repository, {@code rules/} on the class path of
 * the artifact): every rules file is read here, from the class path ({@link #bundled()}) or from a folder
 * ({@link #directory}). A file that is missing or is not JSON is refused by name (and, for JSON, line and column);
 * a loader that finds an entry wrong says so with {@link #entryError}, naming the file and the entry.
 */
public final class RuleFiles {

    /** Every rules file, each read by one loader (rules/README.md lists which). */
    public static final List<String> FILES = List.of("procedures.json", "chips.json", "families.json",
            "stack-names.json", "fus-codes.json", "flash-failures.json", "programmer-output.json",
            "programmer-errors.json");

    /** A rules file that cannot be used; the message names the file, and the entry when one is at fault. */
    public static final class RuleFileException extends IllegalStateException {
        public RuleFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleFiles BUNDLED = new RuleFiles(null);

    private final Path dir;

    private RuleFiles(Path dir) {
        this.dir = dir;
    }

    /** The rules built into the artifact (class path {@code rules/}). */
    public static RuleFiles bundled() {
        return BUNDLED;
    }

    /** The rules of a folder holding the files of {@link #FILES} (the repository's {@code rules/}, or a copy). */
    public static RuleFiles directory(Path dir) {
        return new RuleFiles(dir);
    }

    /** "rules/chips.json", or the file's path in the folder. */
    public String where(String name) {
        return dir == null ? "rules/" + name : dir.resolve(name).toString();
    }

    /** The bytes of rules file {@code name} (one of {@link #FILES}). */
    public byte[] bytes(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException(name + " is no rules file; they are " + FILES);
        }
        try {
            if (dir != null) {
                return Files.readAllBytes(dir.resolve(name));
            }
            try (InputStream in = RuleFiles.class.getClassLoader().getResourceAsStream("rules/" + name)) {
                if (in == null) {
                    throw new NoSuchFileException(where(name) + " is not on the class path; was the artifact built"
                            + " with rules/?");
                }
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new RuleFileException(dir == null ? e.getMessage() : where(name) + ": no such file", e);
        } catch (IOException e) {
            throw new RuleFileException("cannot read " + where(name) + ": " + e.getMessage(), e);
        }
    }

    /** Rules file {@code name} as JSON; not JSON is refused with the file, line and column. */
    public JsonNode read(String name) {
        byte[] bytes = bytes(name);
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new RuleFileException(where(name) + ": not a JSON object", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new RuleFileException(where(name) + ": not JSON" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RuleFileException("cannot read " + where(name) + ": " + e.getMessage(), e);
        }
    }

    /** The error a loader raises for a wrong entry: "rules/chips.json, entry STM32WB55RG: problem". */
    public static RuleFileException entryError(String file, String entry, String problem) {
        return new RuleFileException("rules/" + file + ", entry " + entry + ": " + problem, null);
    }
}
