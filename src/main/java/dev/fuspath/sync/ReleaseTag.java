package dev.fuspath.sync;

import org.eclipse.jgit.lib.ObjectId;

/** A release tag of the upstream repository: its name, the commit it points at, and its date (ISO-8601). */
public record ReleaseTag(String name, ObjectId commit, String date) {

    public String version() {
        return name.substring(1);
    }
}
