package dev.fuspath.notes;

/** What a binary table of the release notes lists. */
public enum TableKind {
    /** Firmware Upgrade Services images (stm32wbXx_FUS_fw*.bin). */
    FUS,
    /** Wireless coprocessor stacks (BLE, Thread, Zigbee, MAC...). */
    STACK,
    /** Safeboot images. */
    SAFEBOOT,
    /** A binary table whose content could not be classified. */
    OTHER
}
