/**
 * The hand-written rules about the world that are not the planner's own: families, chips' stack names, FUS status codes (rules/*.json).
 *
 * <p>Entry point: {@link dev.fuspath.rules.Rules}.
 *
 * <p>Must not depend on: HTTP, the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.rules;
