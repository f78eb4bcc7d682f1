/**
 * The diagnosis of a STM32CubeProgrammer log: what went wrong, the lines it rests on, the remedy, and the corrected plan when the log says enough.
 *
 * <p>Entry point: {@link dev.fuspath.diagnose.Diagnoser}.
 *
 * <p>Must not depend on: HTTP, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.diagnose;
