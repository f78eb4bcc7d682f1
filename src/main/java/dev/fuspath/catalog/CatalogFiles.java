package dev.fuspath.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.ArrayList;
import java.util.stream.Stream;

/**
 * Reads and writes the catalog folder: {@code index.json}, {@code releases/<tag>.json}, {@code anomalies.json}.
 * Output is deterministic (same catalog, same bytes) and a write replaces the whole folder or nothing.
 */
public final class CatalogFiles {

    public static final String INDEX = "index.json";
    public static final String ANOMALIES = "anomalies.json";
    public static final String RELEASES = "releases";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER;

    static {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        WRITER = JSON.writer(printer);
    }

    private CatalogFiles() {
    }

    public static byte[] toJson(Object value) throws IOException {
        byte[] body = WRITER.writeValueAsBytes(value);
        byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    /** Writes the catalog to {@code dir}, replacing what is there only once every file is written. */
    public static void write(Catalog catalog, Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        checkReplaceable(target);
        Path staging = parent.resolve("." + target.getFileName() + ".new-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging.resolve(RELEASES));
            for (ReleaseCatalog release : catalog.releasesNewestFirst()) {
                Files.write(staging.resolve(RELEASES).resolve(release.tag() + ".json"), toJson(release));
            }
            Files.write(staging.resolve(ANOMALIES), toJson(catalog.anomalies()));
            Files.write(staging.resolve(INDEX), toJson(catalog.index()));
            swap(staging, target);
        } finally {
            deleteTree(staging);
        }
    }

    /** Fails when {@code dir} exists and is neither empty nor a catalog: a sync must not replace it. */
    public static void checkReplaceable(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isReplaceable(target)) {
            throw new IOException("refusing to replace " + target + ": it is neither empty nor a fuspath catalog"
                    + " (no " + INDEX + "); choose another --out");
        }
    }

    private static boolean isReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.exists(dir.resolve(INDEX))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(".gitkeep"));
        }
    }

    private static void swap(Path staging, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        boolean hadOld = Files.exists(target);
        if (hadOld) {
            move(target, old);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (hadOld) {
                move(old, target);
            }
            throw e;
        }
        if (hadOld) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Reads a catalog folder written by {@link #write}. */
    public static Catalog read(Path dir) throws IOException {
        return read(name -> {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.newInputStream(file) : null;
        });
    }

    /** Reads the catalog packed in the artifact under {@code catalog/}. */
    public static Catalog readClasspath(ClassLoader loader) throws IOException {
        return read(name -> loader.getResourceAsStream("catalog/" + name));
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open(String name) throws IOException;
    }

    /** Reads only {@code index.json}: what a sync compares before deciding whether anything is new. */
    public static CatalogIndex readIndex(Path dir) throws IOException {
        return readIndex(name -> {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.newInputStream(file) : null;
        });
    }

    private static CatalogIndex readIndex(Opener opener) throws IOException {
        CatalogIndex index = readJson(opener, INDEX, new TypeReference<>() {
        });
        if (index.format() != CatalogIndex.FORMAT) {
            throw new IOException(INDEX + " has format " + index.format() + "; this fuspath reads format "
                    + CatalogIndex.FORMAT + " (sync again to rebuild it)");
        }
        CatalogCheck.index(index);
        return index;
    }

    /** Reads and checks the whole catalog ({@link CatalogCheck}): nothing of a catalog wrong inside is used. */
    private static Catalog read(Opener opener) throws IOException {
        CatalogIndex index = readIndex(opener);
        // the release files are independent: read on every core (most of what a CLI start waits for), then
        // checked in index order, so that the first damaged file named is always the same one
        List<Object> read = index.releases().parallelStream().map(summary -> {
            String name = RELEASES + "/" + summary.tag() + ".json";
            try {
                ReleaseCatalog release = readJson(opener, name, new TypeReference<ReleaseCatalog>() {
                });
                if (!summary.tag().equals(release.tag())) {
                    throw new CatalogCheck.Invalid(name, null, "holds release " + release.tag());
                }
                CatalogCheck.release(summary, release);
                return (Object) release;
            } catch (IOException e) {
                return e;
            }
        }).toList();
        List<ReleaseCatalog> releases = new ArrayList<>();
        for (Object each : read) {
            if (each instanceof IOException e) {
                throw e;
            }
            releases.add((ReleaseCatalog) each);
        }
        List<Anomaly> anomalies = readJson(opener, ANOMALIES, new TypeReference<>() {
        });
        CatalogCheck.anomalies(index, anomalies);
        return Catalog.fromParts(index, releases, anomalies);
    }

    private static <T> T readJson(Opener opener, String name, TypeReference<T> type) throws IOException {
        try (InputStream in = opener.open(name)) {
            if (in == null) {
                throw new IOException("the catalog has no " + name);
            }
            T value = JSON.readValue(in, type);
            if (value == null) {
                throw new IOException(name + " is empty");
            }
            return value;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(name + " is not a valid catalog file: " + e.getOriginalMessage(), e);
        }
    }
}
