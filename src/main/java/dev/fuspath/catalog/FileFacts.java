package dev.fuspath.catalog;

/** What one binary of one release is, as read from git: nothing here is derived from other binaries. */
public record FileFacts(String file, String path, long size, String sha256, FooterView footer) {
}
