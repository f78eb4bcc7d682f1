package dev.fuspath.programmer;

import java.util.Locale;
import java.util.Optional;

/**
 * How STM32_Programmer_CLI reaches the target. JTAG is reported separately from SWD though both go through a debug
 * probe. A plan (and a flash run) goes over {@link #SWD} or {@link #USB} only: {@link #option()} is how the command
 * line, the API and the plan's JSON spell those two ({@code swd}, {@code usb}).
 */
public enum InterfaceKind {
    SWD, JTAG, USB, UART, UNKNOWN;

    /** The interfaces a plan can use. */
    public static final java.util.List<InterfaceKind> PLANNABLE = java.util.List.of(SWD, USB);

    /** {@code swd}, {@code usb}, ...: the spelling of {@code --interface}, {@code interface=} and a plan's JSON. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plannable interface {@code text} names ({@code swd} or {@code usb}, in any case); empty for any other. */
    public static Optional<InterfaceKind> ofOption(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        return PLANNABLE.stream().filter(k -> k.name().equals(t)).findFirst();
    }
}
