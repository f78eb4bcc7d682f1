package dev.fuspath.executor.files;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FooterReader;
import dev.fuspath.image.FooterReading;
import dev.fuspath.image.ImageFooter;
import dev.fuspath.planner.PlanStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plan files from a folder: an STM32CubeWB checkout, one release's binaries folder, or any folder of downloads.
 * A step's file is looked for by its upstream name first, preferring the copy whose path ends with the step's
 * repository path (many releases reuse names), then among files of its size, in case it was renamed. The folder is
 * walked once, the first time a file is asked for; each file is hashed at most once.
 */
public final class FirmwareDirectory implements FirmwareSource {

    /** Larger files are never read: coprocessor images are under 1 MiB. */
    static final long MAX_FILE_BYTES = StepFile.MAX_SIZE;

    private final Path root;
    private final Catalog catalog;
    private final DirectoryIndex.Limits limits;
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();
    private DirectoryIndex index;
    private int walks;

    public FirmwareDirectory(Path root) {
        this(root, null);
    }

    /** @param catalog names the releases that shipped a wrong file found in the folder; may be null */
    public FirmwareDirectory(Path root, Catalog catalog) {
        this(root, catalog, DirectoryIndex.Limits.DEFAULT);
    }

    FirmwareDirectory(Path root, Catalog catalog, DirectoryIndex.Limits limits) {
        this.root = root.toAbsolutePath().normalize();
        this.catalog = catalog;
        this.limits = limits;
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    @Override
    public Fetched fetch(PlanStep step) throws FirmwareUnavailableException {
        return fetch(step, null);
    }

    @Override
    public Fetched fetch(PlanStep step, String release) throws FirmwareUnavailableException {
        StepFile wanted = StepFile.of(step, describe());
        DirectoryIndex files = index(wanted);
        List<DirectoryIndex.Entry> named = new ArrayList<>(files.named(wanted.file()));
        named.sort(Comparator.comparing((DirectoryIndex.Entry e) -> !upstreamPath(e, wanted))
                .thenComparing(DirectoryIndex.Entry::relative));
        List<String> wrong = new ArrayList<>();
        for (DirectoryIndex.Entry entry : named) {
            if (entry.size() > MAX_FILE_BYTES) {
                wrong.add(entry.relative() + " in " + root + " has " + entry.size() + " bytes, far more than any"
                        + " coprocessor image; the plan needs " + wanted.size());
                continue;
            }
            Read read = read(entry);
            if (read.bytes == null) {
                wrong.add(entry.relative() + " in " + root + " cannot be read (" + read.problem + ")");
                continue;
            }
            if (wanted.matches(read.bytes, read.sha)) {
                return new Fetched(read.bytes, entry.file().toString());
            }
            wrong.add(entry.relative() + " in " + root + " is " + whatItIs(read) + ", the plan needs SHA-256 "
                    + wanted.sha256() + " (" + wanted.size() + " bytes)" + fix(release));
        }
        Set<Path> tried = new HashSet<>();
        named.forEach(e -> tried.add(e.file()));
        for (DirectoryIndex.Entry entry : files.sized(wanted.size())) {
            String known = hashes.get(entry.file());
            if (tried.add(entry.file()) && (known == null || known.equals(wanted.sha256()))) {
                Read read = read(entry);
                if (read.bytes != null && wanted.matches(read.bytes, read.sha)) {
                    return new Fetched(read.bytes, entry.file().toString());
                }
            }
        }
        String reason;
        if (wrong.isEmpty()) {
            reason = "no file named " + wanted.file() + " among the " + files.files() + " files in " + root
                    + ", and none of its " + wanted.size() + " bytes with its SHA-256 " + wanted.sha256() + fix(release);
        } else {
            reason = wrong.get(0) + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " other files of that name"
                    + " are not it either); no file of another name has its SHA-256" : "");
        }
        String gaps = files.gaps(limits);
        throw FirmwareUnavailableException.of(wanted, describe(), gaps.isEmpty() ? reason : reason + "; " + gaps);
    }

    /** Walks in this source's lifetime: one, however many files are asked for. */
    synchronized int walks() {
        return walks;
    }

    private synchronized DirectoryIndex index(StepFile wanted) throws FirmwareUnavailableException {
        if (index == null) {
            if (!Files.exists(root)) {
                throw FirmwareUnavailableException.of(wanted, describe(), root + " does not exist");
            }
            try {
                walks++;
                index = DirectoryIndex.walk(root, limits);
            } catch (IOException | SecurityException e) {
                throw FirmwareUnavailableException.of(wanted, describe(), root + " cannot be searched: " + e);
            }
        }
        return index;
    }

    private static boolean upstreamPath(DirectoryIndex.Entry entry, StepFile wanted) {
        return wanted.path() != null && ("/" + entry.relative()).endsWith("/" + wanted.path());
    }

    private static String fix(String release) {
        return release == null ? ": pass --firmware-dir the folder of the plan's release"
                : " from " + release + ": check out tag " + release + " or pass --firmware-dir to that release's folder";
    }

    private record Read(byte[] bytes, String sha, String problem) {
    }

    private Read read(DirectoryIndex.Entry entry) {
        if (!Files.isRegularFile(entry.file())) {
            return new Read(null, null, "no longer a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(entry.file())) {
            bytes = in.readNBytes(Math.toIntExact(MAX_FILE_BYTES + 1));
        } catch (IOException | SecurityException e) {
            return new Read(null, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return new Read(null, null, "it grew past " + MAX_FILE_BYTES + " bytes");
        }
        String sha = Sha256.of(bytes);
        hashes.put(entry.file(), sha);
        return new Read(bytes, sha, null);
    }

    /** "v1.17.3 (stack 1.17.3 by its footer, SHA-256 ...)", from the catalog when it knows the bytes. */
    private String whatItIs(Read read) {
        String footer = footer(FooterReader.read(read.bytes));
        Optional<String> release = shippedIn(read.sha);
        return release.map(r -> r + " (" + footer + ", SHA-256 " + read.sha + ")")
                .orElse(footer + " (SHA-256 " + read.sha + ", " + read.bytes.length + " bytes)");
    }

    private Optional<String> shippedIn(String sha) {
        if (catalog == null) {
            return Optional.empty();
        }
        List<Catalog.Occurrence> where = catalog.occurrences(sha);
        if (where.isEmpty()) {
            return Optional.empty();
        }
        List<String> tags = where.stream().map(Catalog.Occurrence::tag).distinct().toList();
        return Optional.of(tags.get(0) + (tags.size() > 1 ? " (also shipped in " + (tags.size() - 1)
                + " earlier releases, back to " + tags.get(tags.size() - 1) + ")" : ""));
    }

    private static String footer(FooterReading reading) {
        if (reading.empty()) {
            return "an empty file";
        }
        if (!reading.valid()) {
            return "no coprocessor image (no valid footer)";
        }
        ImageFooter f = reading.footer();
        String kind = switch (f.type()) {
            case STACK -> f.legacySafeboot() ? "Safeboot" : "stack";
            case STACK_FUS_V2 -> "stack (FUS v2 format)";
            case FUS -> "FUS";
            case SAFEBOOT -> "Safeboot";
            case OTHER -> "image";
        };
        return kind + (f.version() == null ? " with no version in its footer" : " " + f.version() + " by its footer");
    }
}
