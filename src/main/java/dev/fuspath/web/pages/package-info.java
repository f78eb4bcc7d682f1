/**
 * The pages for people (Qute templates, server-rendered): lookup, plan, releases, inspect, diagnose.
 *
 * <p>Entry point: {@link dev.fuspath.web.pages.Pages}.
 *
 * <p>Must not depend on: dev.fuspath.cli; it may use dev.fuspath.web, not the other way round (pending: see PackageDependenciesTest) (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.web.pages;
