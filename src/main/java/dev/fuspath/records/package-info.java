/**
 * Production-line board records: their format, checks and storage (H2 or PostgreSQL), and the station tokens.
 *
 * <p>Entry point: {@link dev.fuspath.records.RecordStore}.
 *
 * <p>Must not depend on: HTTP (jakarta.ws.rs, io.vertx), the CLI, dev.fuspath.web, dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.records;
