package dev.fuspath.programmer;

/** How STM32_Programmer_CLI reached the target. JTAG is reported separately from SWD though both go through a debug probe. */
public enum InterfaceKind {
    SWD, JTAG, USB, UART, UNKNOWN
}
