/**
 * The executor: runs a plan on a device through STM32_Programmer_CLI (or a {@link dev.fuspath.executor.Backend}), reading the device back after every step, journaling every event ({@link dev.fuspath.executor.Journal}) so that a run can be resumed.
 *
 * <p>Entry point: {@link dev.fuspath.executor.Flasher}.
 *
 * <p>Must not depend on: HTTP server APIs (jakarta.ws.rs, io.vertx), the CLI (picocli), dev.fuspath.web, dev.fuspath.cli; dev.fuspath.simulator once SimulatorBackend has moved there (issue 12) (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.executor;
