package dev.fuspath.sync;

import dev.fuspath.catalog.FamilyFacts;
import dev.fuspath.catalog.FileFacts;
import dev.fuspath.catalog.FooterView;
import dev.fuspath.catalog.ReleaseFacts;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterReader;
import dev.fuspath.notes.NotesFormatException;
import dev.fuspath.notes.NotesSection;
import dev.fuspath.notes.ReleaseNotesParser;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Reads the coprocessor binaries folder of one release tag straight from the mirror's object database. */
final class ReleaseReader {

    /** Larger blobs are not coprocessor images (the largest upstream one is under 1 MiB). */
    static final int MAX_BLOB_BYTES = 16 * 1024 * 1024;
    private static final String NOTES_FILE = "release_notes.html";

    private final UpstreamMirror mirror;
    private final Rules rules;
    private final Map<ObjectId, FileContent> contentByBlob = new ConcurrentHashMap<>();

    ReleaseReader(UpstreamMirror mirror, Rules rules) {
        this.mirror = mirror;
        this.rules = rules;
    }

    private record FileContent(long size, String sha256, FooterView footer) {
    }

    private record Entry(String family, String file, String path, ObjectId blob) {
    }

    /** Returns null when the tag's tree has no coprocessor binaries folder. */
    ReleaseFacts read(ReleaseTag tag) throws SyncException {
        String folder = rules.binariesFolder() + "/";
        Map<String, List<Entry>> binariesByFamily = new TreeMap<>();
        Map<String, Entry> notesByFamily = new TreeMap<>();
        try (ObjectReader reader = mirror.repository().newObjectReader();
             RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(reader)) {
            RevCommit commit = walk.parseCommit(tag.commit());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(rules.binariesFolder()));
            boolean any = false;
            while (tree.next()) {
                if (tree.getFileMode(0) != FileMode.REGULAR_FILE && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                any = true;
                String path = tree.getPathString();
                String relative = path.substring(folder.length());
                String[] parts = relative.split("/");
                String family;
                String file;
                if (parts.length == 1) {
                    family = rules.legacyFamily().name();
                    file = parts[0];
                } else if (parts.length == 2 && rules.family(parts[0]).isPresent()) {
                    family = rules.family(parts[0]).get().name();
                    file = parts[1];
                } else {
                    continue;
                }
                Entry entry = new Entry(family, file, path, tree.getObjectId(0));
                String lower = file.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".bin")) {
                    binariesByFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(entry);
                } else if (lower.equals(NOTES_FILE)) {
                    notesByFamily.put(family, entry);
                }
            }
            if (!any) {
                return null;
            }
            List<FamilyFacts> families = new ArrayList<>();
            for (Family family : rules.families()) {
                List<Entry> binaries = binariesByFamily.getOrDefault(family.name(), List.of());
                Entry notes = notesByFamily.get(family.name());
                if (binaries.isEmpty() && notes == null) {
                    continue;
                }
                List<FileFacts> files = new ArrayList<>();
                for (Entry e : binaries) {
                    FileContent content = contentByBlob.computeIfAbsent(e.blob(), id -> content(reader, id));
                    files.add(new FileFacts(e.file(), e.path(), content.size(), content.sha256(), content.footer()));
                }
                files.sort(Comparator.comparing(FileFacts::file));
                families.add(notes == null
                        ? new FamilyFacts(family.name(), null, null, List.of(), files)
                        : readNotes(tag, family.name(), notes, reader, files));
            }
            return new ReleaseFacts(tag.name(), tag.commit().name(), tag.date(), families);
        } catch (IOException e) {
            throw new SyncException("cannot read the tree of " + tag.name() + ": " + e.getMessage()
                    + " (the mirror may be corrupt: remove it and sync again)", e);
        } catch (UncheckedReadException e) {
            throw new SyncException("cannot read a blob of " + tag.name() + ": " + e.getMessage(), e);
        }
    }

    private FamilyFacts readNotes(ReleaseTag tag, String family, Entry notes, ObjectReader reader, List<FileFacts> files)
            throws SyncException, IOException {
        String html = new String(bytes(reader, notes.blob()), StandardCharsets.UTF_8);
        List<String> sections = ReleaseNotesParser.sectionVersions(html);
        NotesSection section;
        try {
            section = ReleaseNotesParser.parse(html, tag.version());
        } catch (NotesFormatException own) {
            // Some releases left a family's notes untouched: its newest section older than the tag describes it.
            String fallback = newestNotAfter(sections, tag.version());
            if (fallback == null || sections.contains(tag.version())) {
                throw new SyncException(notes.path() + " at " + tag.name() + ": " + own.getMessage(), own);
            }
            try {
                section = ReleaseNotesParser.parse(html, fallback);
            } catch (NotesFormatException older) {
                throw new SyncException(notes.path() + " at " + tag.name() + ": no section for " + tag.version()
                        + " and the newest one (" + fallback + ") cannot be read: " + older.getMessage(), older);
            }
        }
        return new FamilyFacts(family, notes.path(), section, sections, files);
    }

    private static String newestNotAfter(List<String> sections, String version) {
        FirmwareVersion limit = FirmwareVersion.parse(version);
        return sections.stream()
                .filter(s -> FirmwareVersion.parse(s) != null && FirmwareVersion.parse(s).compareTo(limit) <= 0)
                .max(Comparator.comparing(FirmwareVersion::parse))
                .orElse(null);
    }

    private FileContent content(ObjectReader reader, ObjectId blob) {
        try {
            long size = reader.getObjectSize(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB);
            if (size > MAX_BLOB_BYTES) {
                throw new UncheckedReadException("blob " + blob.name() + " has " + size + " bytes, more than the "
                        + MAX_BLOB_BYTES + " a coprocessor image can have");
            }
            byte[] data = bytes(reader, blob);
            return new FileContent(data.length, Sha256.of(data), FooterView.of(FooterReader.read(data)));
        } catch (IOException e) {
            throw new UncheckedReadException(e.getMessage());
        }
    }

    private static byte[] bytes(ObjectReader reader, ObjectId blob) throws IOException {
        try {
            return reader.open(blob).getCachedBytes(MAX_BLOB_BYTES);
        } catch (LargeObjectException e) {
            throw new IOException("blob " + blob.name() + " is larger than " + MAX_BLOB_BYTES + " bytes", e);
        }
    }

    private static final class UncheckedReadException extends RuntimeException {
        UncheckedReadException(String message) {
            super(message);
        }
    }
}
