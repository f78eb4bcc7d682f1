/**
 * The planner: from a part, its running FUS and stack, to the ordered, verifiable steps that reach a wanted stack, from rules/procedures.json and the catalog. Refusals are {@link dev.fuspath.planner.PlanException}s with a reason; how a reason is answered belongs to the adapters.
 *
 * <p>Entry point: {@link dev.fuspath.planner.Planner#plan}.
 *
 * <p>Must not depend on: HTTP, the CLI, dev.fuspath.web, dev.fuspath.cli, dev.fuspath.executor; it carries no HTTP status or exit code (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.planner;
