/**
 * What a .bin really is, whether upstream shipped it, and how its name disagrees with its content.
 *
 * <p>Entry point: {@link dev.fuspath.inspect.Inspector}.
 *
 * <p>Must not depend on: HTTP, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.inspect;
