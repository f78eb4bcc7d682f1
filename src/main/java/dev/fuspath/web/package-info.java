/**
 * The HTTP API (contract: openapi/openapi.yaml): resources, body limits, and {@link dev.fuspath.web.ProblemMappers}, the one place a domain refusal becomes a problem document.
 *
 * <p>Entry point: the *Resource classes.
 *
 * <p>Must not depend on: dev.fuspath.cli, dev.fuspath.web.pages (browsers get pages through {@link
 * dev.fuspath.web.BrowserPages}, which the pages implement) (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.web;
