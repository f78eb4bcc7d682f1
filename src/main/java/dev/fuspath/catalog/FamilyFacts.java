package dev.fuspath.catalog;

import dev.fuspath.notes.NotesSection;
import java.util.List;

/**
 * One family folder of one release as read from git.
 *
 * @param notesPath      the release notes file, null when the folder has none
 * @param notes          the section of the notes that describes this release, null when there are no notes
 * @param notesSections  every section heading version found in the notes, newest first
 */
public record FamilyFacts(String family, String notesPath, NotesSection notes, List<String> notesSections,
                          List<FileFacts> files) {

    public FamilyFacts {
        notesSections = notesSections == null ? List.of() : List.copyOf(notesSections);
        files = List.copyOf(files);
    }
}
