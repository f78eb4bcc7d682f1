/**
 * The production-line station ({@code fuspath station}): one lane per programmer probe, boards flashed in parallel
 * from the FUS each arrived with, a record per board and attempt kept locally and uploaded to a fuspath service.
 * Knows nothing of the command line or of serving HTTP; it drives the executor ({@code Flasher}) per board.
 */
package dev.fuspath.station;
