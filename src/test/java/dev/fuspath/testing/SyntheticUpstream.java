package dev.fuspath.testing;

import dev.fuspath.image.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A small upstream-shaped git repository made in a test: release tags whose trees hold a coprocessor binaries
 * folder with synthetic images and release notes in the pandoc layout upstream uses. Lets the whole sync run
 * without the real bundle.
 */
public final class SyntheticUpstream implements AutoCloseable {

    public static final String FOLDER = "Projects/STM32WB_Copro_Wireless_Binaries";
    public static final long STACK_MAGIC = TestImages.STACK_MAGIC;
    public static final long FUS_V2_STACK_MAGIC = TestImages.STACK_FUS_V2_MAGIC;
    public static final long FUS_MAGIC = TestImages.FUS_MAGIC;

    private final Git git;
    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private int day;

    private SyntheticUpstream(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static SyntheticUpstream create(Path dir) throws GitAPIException {
        return new SyntheticUpstream(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    public Path dir() {
        return dir;
    }

    /** A signed-looking image; the payload size and version word decide its bytes. */
    public static byte[] image(int payloadBytes, long magic, long versionWord, int pageSize) {
        return TestImages.image().payloadSize(payloadBytes).seed(payloadBytes * 31L + versionWord).magic(magic)
                .version(versionWord).pageSize(pageSize).build();
    }

    /** Puts a file at a path relative to the binaries folder (e.g. "STM32WB5x/x.bin"); null bytes removes it. */
    public SyntheticUpstream put(String relative, byte[] bytes) {
        if (bytes == null) {
            files.remove(relative);
        } else {
            files.put(relative, bytes);
        }
        return this;
    }

    public SyntheticUpstream putText(String relative, String text) {
        return put(relative, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Commits the current files as the whole binaries folder and tags the commit with an annotated tag. */
    public SyntheticUpstream release(String tag) throws IOException, GitAPIException {
        Path folder = dir.resolve(FOLDER);
        if (Files.exists(folder)) {
            try (var walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (var e : files.entrySet()) {
            Path file = folder.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        PersonIdent who = new PersonIdent("ST", "st@example.com",
                Instant.parse("2024-01-01T10:00:00Z").plusSeconds(86400L * day++), ZoneOffset.ofHours(1));
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        git.commit().setMessage("Release " + tag).setAuthor(who).setCommitter(who).setAllowEmpty(true).call();
        git.tag().setName(tag).setAnnotated(true).setMessage(tag).setTagger(who).setForceUpdate(true).call();
        return this;
    }

    @Override
    public void close() {
        git.close();
    }

    // ---- release notes in the pandoc layout ----------------------------------------------------------------

    public static String notes(String... sections) {
        return "<!DOCTYPE html><html><head><meta name=\"generator\" content=\"pandoc\"></head><body>"
                + "<h1 id=\"update-history\">Update History</h1>" + String.join("", sections) + "</body></html>";
    }

    public static String section(String heading, String... body) {
        return "<div class=\"collapse\"><input type=\"checkbox\" id=\"s\"> <label for=\"s\">" + heading
                + "</label><div><h2>Main Changes</h2>" + String.join("", body) + "</div></div>";
    }

    /** Rows are cells separated by '|'; the first row is the header. */
    public static String table(String caption, String... rows) {
        String header = Arrays.stream(rows[0].split("\\|")).map(c -> "<th>" + c + "</th>").collect(Collectors.joining());
        String body = Arrays.stream(rows).skip(1)
                .map(r -> "<tr>" + Arrays.stream(r.split("\\|")).map(c -> "<td>" + c + "</td>")
                        .collect(Collectors.joining()) + "</tr>")
                .collect(Collectors.joining());
        return "<p><strong>" + caption + "</strong>: install addresses.</p><table><thead><tr class=\"header\">"
                + header + "</tr></thead><tbody>" + body + "</tbody></table>";
    }
}
