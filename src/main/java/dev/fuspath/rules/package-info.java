/**
 * The hand-written rules about the world (rules/*.json), and their one loader: {@link dev.fuspath.rules.RuleFiles}
 * reads every rules file, from the class path or a folder, and names the file and entry of an error. Here too: the
 * rules that are not the planner's own (families, stack names, FUS status codes) and {@link
 * dev.fuspath.rules.FusFacts}, the FUS facts every other package reads instead of declaring them.
 *
 * <p>Entry points: {@link dev.fuspath.rules.RuleFiles}, {@link dev.fuspath.rules.Rules},
 * {@link dev.fuspath.rules.FusFacts}.
 *
 * <p>Must not depend on: HTTP, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.rules;
