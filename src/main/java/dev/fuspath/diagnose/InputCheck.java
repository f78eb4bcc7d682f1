package dev.fuspath.diagnose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a text is before it is read as a log: empty, too large, binary, or another tool's output. */
final class InputCheck {

    /** Characters looked at to tell binary data or another tool. */
    private static final int SAMPLE = 64 * 1024;

    private static final Map<String, String> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("open on-chip debugger", "OpenOCD");
        TOOLS.put("openocd", "OpenOCD");
        TOOLS.put("st-flash", "stlink (st-flash)");
        TOOLS.put("st-info", "stlink (st-info)");
        TOOLS.put("segger", "SEGGER J-Link");
        TOOLS.put("j-link", "SEGGER J-Link");
        TOOLS.put("pyocd", "pyOCD");
        TOOLS.put("dfu-util", "dfu-util");
        TOOLS.put("stm32flash", "stm32flash");
        TOOLS.put("esptool", "esptool");
        TOOLS.put("avrdude", "avrdude");
    }

    private InputCheck() {
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Binary data rather than text: more than 1 in 20 of the first characters are NUL, undecodable bytes (U+FFFD),
     * or control characters that logs do not have.
     */
    static boolean binary(String text) {
        int n = Math.min(text.length(), SAMPLE);
        int odd = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1B && c != '\f')
                    || (c >= 0x7F && c < 0xA0)) {
                odd++;
            }
        }
        return odd * 20 > n;
    }

    /** The tool a text that is not STM32CubeProgrammer output seems to come from. */
    static Optional<String> otherTool(String text) {
        String sample = text.substring(0, Math.min(text.length(), SAMPLE)).toLowerCase(Locale.ROOT);
        return TOOLS.entrySet().stream().filter(e -> sample.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }
}
