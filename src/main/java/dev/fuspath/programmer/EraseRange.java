package dev.fuspath.programmer;

/**
 * "Erasing internal memory sectors [236 241]": the flash pages STM32CubeProgrammer erased for a file, first and last
 * inclusive, counted from the start of the flash.
 *
 * @param line 1-based line number
 */
public record EraseRange(int firstSector, int lastSector, int line) {
}
