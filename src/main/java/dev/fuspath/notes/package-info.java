/**
 * Reads the release notes' HTML: sections, binary tables, install addresses.
 *
 * <p>Entry point: {@link dev.fuspath.notes.ReleaseNotesParser}.
 *
 * <p>Must not depend on: HTTP, the CLI, the catalog's consumers (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.notes;
