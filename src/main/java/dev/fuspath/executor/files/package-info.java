/**
 * Where a plan's firmware files come from (a folder, a fuspath server) and how each is checked (SHA-256, footer) before the device is touched.
 *
 * <p>Entry point: {@link dev.fuspath.executor.files.FirmwareSources}.
 *
 * <p>Must not depend on: HTTP server APIs, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.executor.files;
