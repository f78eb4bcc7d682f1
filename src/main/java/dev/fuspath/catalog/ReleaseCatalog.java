package dev.fuspath.catalog;

import java.util.ArrayList;
import java.util.List;

/** The catalog of one release: {@code catalog/releases/<tag>.json}. */
public record ReleaseCatalog(String tag, String date, String commit, List<FamilyNotes> families,
                             List<BinaryRecord> binaries) {

    public ReleaseCatalog {
        // nulls are kept, for CatalogCheck to name them with their place in the file
        families = families == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(families));
        binaries = binaries == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(binaries));
    }

    public List<String> familyNames() {
        return families.stream().map(FamilyNotes::family).toList();
    }

    /** The facts this release was derived from, for a sync that does not re-read an unchanged tag. */
    public ReleaseFacts facts() {
        List<FamilyFacts> list = new ArrayList<>();
        for (FamilyNotes f : families) {
            List<FileFacts> files = binaries.stream().filter(b -> b.family().equals(f.family()))
                    .map(BinaryRecord::facts).toList();
            list.add(new FamilyFacts(f.family(), f.notesPath(), f.notes(), f.notesSections(), files));
        }
        return new ReleaseFacts(tag, commit, date, list);
    }
}
