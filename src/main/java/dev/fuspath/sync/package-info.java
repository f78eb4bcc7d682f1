/**
 * Builds the catalog from the upstream STM32CubeWB git history (a URL, a local repository or a bundle), keeping a mirror.
 *
 * <p>Entry point: {@link dev.fuspath.sync.CatalogSync}.
 *
 * <p>Must not depend on: HTTP server APIs, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.sync;
