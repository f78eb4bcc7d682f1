/**
 * The application: what the command line ({@code cli}, and its light start path {@code launch}) and the service
 * ({@code web}, {@code ops}) share. {@link dev.fuspath.app.CatalogHolder} holds the catalog with the rules, planner,
 * inspector and diagnoser made on it; {@link dev.fuspath.app.FuspathConfig} is every {@code fuspath.*} property,
 * typed.
 *
 * <p>Entry points: {@code CatalogHolder}, {@code FuspathConfig}. Must not depend on: {@code web}, {@code cli},
 * {@code launch}, or anything HTTP or command-line (held by {@code arch.PackageDependenciesTest}).
 */
package dev.fuspath.app;
