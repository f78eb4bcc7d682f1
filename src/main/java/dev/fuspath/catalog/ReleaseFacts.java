package dev.fuspath.catalog;

import java.util.List;

/** One release tag as read from git: the input of the catalog, from which every derived field is computed. */
public record ReleaseFacts(String tag, String commit, String date, List<FamilyFacts> families) {

    public ReleaseFacts {
        families = List.copyOf(families);
    }
}
