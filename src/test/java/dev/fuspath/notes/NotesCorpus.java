package dev.fuspath.notes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The release notes of every tag of the upstream bundle, extracted as ROOT/TAG/FAMILY.html, and the .bin files of each tag. */
final class NotesCorpus {
    static final Path ROOT = dev.fuspath.testing.UpstreamBundle.path().isPresent()
            ? dev.fuspath.testing.UpstreamBundle.notesDir() : Path.of("absent");

    /** Notes that have no section for their own tag: the family's binaries did not change in that release. */
    static final Set<String> WITHOUT_OWN_SECTION =
            Set.of("v1.7.0/STM32WB3x", "v1.7.0/STM32WB5x", "v1.13.1/STM32WB1x", "v1.22.1/STM32WB1x");

    record NotesFile(String tag, String family, Path path) {
        String version() {
            return tag.substring(1);
        }

        String key() {
            return tag + "/" + family;
        }

        String html() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private NotesCorpus() {
    }

    static boolean present() {
        return Files.isDirectory(ROOT.resolve("v1.24.0"));
    }

    static List<NotesFile> files() {
        List<NotesFile> files = new ArrayList<>();
        try (Stream<Path> tags = Files.list(ROOT)) {
            for (Path tagDir : tags.filter(Files::isDirectory).toList()) {
                try (Stream<Path> htmls = Files.list(tagDir)) {
                    for (Path html : htmls.filter(p -> p.toString().endsWith(".html")).toList()) {
                        String name = html.getFileName().toString().replace(".html", "");
                        String family = name.equals("root") ? "STM32WB5x" : name;
                        files.add(new NotesFile(tagDir.getFileName().toString(), family, html));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(Comparator.comparing((NotesFile f) -> f.version(), NotesCorpus::compareVersions)
                .thenComparing(NotesFile::family));
        return files;
    }

    static int compareVersions(String a, String b) {
        int[] x = Arrays.stream(a.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] y = Arrays.stream(b.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(x, y);
    }

    /** "v1.13.1/STM32WB5x" -> .bin file names in that tag's tree (generated with git ls-tree, see the resource). */
    static Map<String, Set<String>> treeBinFiles() {
        Map<String, Set<String>> files = new HashMap<>();
        try (InputStream in = NotesCorpus.class.getResourceAsStream("/tree-bin-files.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
                String[] parts = line.split("\\s+");
                files.computeIfAbsent(parts[0] + "/" + parts[1], k -> new TreeSet<>()).add(parts[2]);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
