/**
 * The fuspath command line (picocli): one class per subcommand, turning domain answers and refusals into text, JSON and the exit codes of {@link dev.fuspath.cli.ExitCodes} (the README's table).
 *
 * <p>Entry point: {@link dev.fuspath.cli.Main}, {@link dev.fuspath.cli.FuspathCommand}.
 *
 * <p>Must not depend on: dev.fuspath.web.pages; HTTP server APIs (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.cli;
