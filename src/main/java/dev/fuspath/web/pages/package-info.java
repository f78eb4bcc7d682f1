/**
 * The pages for people (Qute templates, server-rendered): lookup, plan, releases, inspect, diagnose.
 *
 * <p>Entry point: {@link dev.fuspath.web.pages.Pages}.
 *
 * <p>Must not depend on: dev.fuspath.cli; it may use dev.fuspath.web, not the other way round: web reaches the pages
 * only through the interfaces it declares and this package implements (web.BrowserPages by {@link
 * dev.fuspath.web.pages.Browsers}, web.LineViewers by LineEvents). PackageDependenciesTest holds it.
 */
package dev.fuspath.web.pages;
