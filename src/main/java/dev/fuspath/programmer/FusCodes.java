package dev.fuspath.programmer;

import dev.fuspath.rules.CodeBook;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FUS states and error codes (ST AN5185, FUS_GET_STATE response) with a one-line meaning each, plus the spellings
 * STM32CubeProgrammer prints for them ("FUS_IMAGE_NOT_FOUND", "FUS_STATE_IMG_NOT_FOUND", the AN5185 typos
 * "FUS_SATE_IMC_CORRUPT"...). Canonical names all start with "FUS_". The facts are the state and status entries of
 * {@code rules/fus-codes.json} ({@link CodeBook}).
 */
public final class FusCodes {

    public enum Kind { STATE, STATUS }

    /**
     * @param name    canonical name
     * @param kind    STATE (FUS_GET_STATE state byte) or STATUS (error code byte)
     * @param value   byte value as AN5185 gives it ("0x00", "0x10-0x1F"), or "-" for tool-only names
     * @param meaning one line
     */
    public record FusCode(String name, Kind kind, String value, String meaning) {
    }

    private static final Map<String, FusCode> CODES = new LinkedHashMap<>();

    static {
        for (CodeBook.Entry e : CodeBook.bundled().entries()) {
            if (e.kind().equals("state") || e.kind().equals("status")) {
                CODES.put(e.name(), new FusCode(e.name(), e.kind().equals("state") ? Kind.STATE : Kind.STATUS,
                        e.value(), e.meaning()));
            }
        }
    }

    private FusCodes() {
    }

    /** The code for any known spelling (case-insensitive), e.g. "FUS_STATE_IMAGE_NOT_AUTHENTIC" -> FUS_IMG_NOT_AUTHENTIC. */
    public static Optional<FusCode> lookup(String token) {
        return CodeBook.bundled().lookup(token).map(e -> CODES.get(e.name()));
    }

    /** Canonical name of a token, or the token upper-cased if unknown. */
    public static String canonical(String token) {
        return lookup(token).map(FusCode::name).orElse(token == null ? null : token.trim().toUpperCase(Locale.ROOT));
    }

    /** One-line meaning, or empty if the token is not a known FUS code. */
    public static Optional<String> explain(String token) {
        return lookup(token).map(FusCode::meaning);
    }

    /** All canonical codes in table order. */
    public static Map<String, FusCode> all() {
        return Collections.unmodifiableMap(CODES);
    }

    /** True for statuses that mean an operation failed (not NO_ERROR; IMG_NOT_FOUND counts as failure). */
    public static boolean isFailureStatus(String canonicalName) {
        FusCode c = CODES.get(canonicalName);
        return c != null && c.kind() == Kind.STATUS && !c.name().equals("FUS_NO_ERROR");
    }
}
