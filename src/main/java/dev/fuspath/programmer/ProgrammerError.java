package dev.fuspath.programmer;

/**
 * One "Error:" (or "Warning:") line of STM32_Programmer_CLI output.
 *
 * @param code    stable classification, e.g. NO_TARGET, NO_PROBE, NO_CORE_ID, DEV_USB_COMM_ERR, WRONG_ADDRESS,
 *                a canonical {@link FusCodes} name such as FUS_IMG_NOT_AUTHENTIC, or ERROR / WARNING when unclassified
 * @param message the line text without the "Error:" prefix, timestamps or colour codes
 * @param line    1-based line number in the parsed text
 */
public record ProgrammerError(String code, String message, int line) {
}
