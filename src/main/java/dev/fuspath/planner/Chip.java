package dev.fuspath.planner;

/**
 * A supported STM32WB part.
 *
 * @param part     base part number, e.g. STM32WB55RG
 * @param family   coprocessor binaries family folder, e.g. STM32WB5x
 * @param flash    flash size label as the release notes write it: 1M, 640K, 512K, 256K or 320K
 * @param pageSize flash page size in bytes
 * @param deviceId device ID as STM32_Programmer_CLI prints it, e.g. 0x495
 */
public record Chip(String part, String family, String flash, int pageSize, String deviceId) {
}
