package dev.fuspath.catalog;

import dev.fuspath.notes.NotesSection;
import java.util.List;

/** The release notes of one family at one release: where they are, which sections they have, the one used. */
public record FamilyNotes(String family, String notesPath, List<String> notesSections, NotesSection notes) {
}
