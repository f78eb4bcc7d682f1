package dev.fuspath.programmer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * FUS states and error codes (ST AN5185, FUS_GET_STATE response) with a one-line meaning each, plus the spellings
 * STM32CubeProgrammer prints for them ("FUS_IMAGE_NOT_FOUND", "FUS_STATE_IMG_NOT_FOUND", the AN5185 typos
 * "FUS_SATE_IMC_CORRUPT"...). Canonical names all start with "FUS_".
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
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        state("FUS_IDLE", "0x00", "FUS is idle and ready for a command; no operation ongoing.",
                "FUS_STATE_IDLE", "FUS_STATE_VALUE_IDLE", "IDLE");
        state("FUS_FW_UPGRD_ONGOING", "0x10-0x1F", "A wireless stack install/upgrade is in progress.",
                "FUS_STATE_FW_UPGRD_ONGOING", "FUS_STATE_VALUE_FW_UPGRD_ONGOING", "FW_UPGRD_ONGOING");
        state("FUS_FUS_UPGRD_ONGOING", "0x20-0x2F", "A FUS upgrade is in progress.",
                "FUS_STATE_FUS_UPGRD_ONGOING", "FUS_STATE_VALUE_FUS_UPGRD_ONGOING", "FUS_UPGRD_ONGOING");
        state("FUS_SERVICE_ONGOING", "0x30-0x3F", "Another FUS service is running (stack delete, key or anti-rollback service).",
                "FUS_STATE_SERVICE_ONGOING", "FUS_STATE_VALUE_SERVICE_ONGOING", "SERVICE_ONGOING");
        state("FUS_ERROR", "0xFF", "FUS is in error state (also reported when FUS is not running and a stack answers instead).",
                "ERROR_STATE", "FUS_ERROR_STATE", "FUS_STATE_ERROR", "FUS_STATE_VALUE_ERROR");

        status("FUS_NO_ERROR", "0x00", "No error occurred.", "FUS_STATE_NO_ERROR", "NO_ERROR");
        status("FUS_IMG_NOT_FOUND", "0x01", "Upgrade requested but no image found in flash (header or flash corrupted, wrong address).",
                "FUS_IMAGE_NOT_FOUND", "FUS_STATE_IMG_NOT_FOUND", "FUS_STATE_IMAGE_NOT_FOUND", "IMG_NOT_FOUND");
        status("FUS_IMG_CORRUPT", "0x02", "Image found and authentic but its data is corrupted.",
                "FUS_IMAGE_CORRUPT", "FUS_STATE_IMG_CORRUPT", "FUS_STATE_IMAGE_CORRUPT", "FUS_SATE_IMC_CORRUPT", "IMG_CORRUPT");
        status("FUS_IMG_NOT_AUTHENTIC", "0x03", "Image found but its signature is not valid (wrong or unsupported image for this FUS).",
                "FUS_IMAGE_NOT_AUTHENTIC", "FUS_STATE_IMG_NOT_AUTHENTIC", "FUS_STATE_IMAGE_NOT_AUTHENTIC", "IMG_NOT_AUTHENTIC");
        status("FUS_NO_ENOUGH_SPACE", "0x04", "Image authentic but does not fit beside the installed one; install at a lower address.",
                "FUS_STATE_NO_ENOUGH_SPACE", "FUS_SATE_NO_ENOUGH_SPACE", "FUS_IMG_NOT_ENOUGH_SPACE", "FUS_NOT_ENOUGH_SPACE",
                "NO_ENOUGH_SPACE", "IMG_NOT_ENOUGH_SPACE");
        status("FUS_IMAGE_USRABORT", "0x05", "Operation aborted by the user or by a power off.",
                "FUS_STATE_IMAGE_USRABORT", "IMAGE_USRABORT");
        status("FUS_IMAGE_ERSERROR", "0x06", "Flash erase error during the operation.",
                "FUS_STATE_IMAGE_ERSERROR", "IMAGE_ERSERROR");
        status("FUS_IMAGE_WRTERROR", "0x07", "Flash write error during the operation.",
                "FUS_STATE_IMAGE_WRTERROR", "IMAGE_WRTERROR");
        status("FUS_FLASH_ERROR", "-", "Flash error reported by the tool (erase or write failed; see FUS_IMAGE_ERSERROR/WRTERROR).",
                "FUS_STATE_FLASH_ERROR");
        status("FUS_AUTH_TAG_ST_NOTFOUND", "0x08", "The ST authentication tag was not found in the image.",
                "FUS_STATE_AUTH_TAG_ST_NOTFOUND", "AUTH_TAG_ST_NOTFOUND");
        status("FUS_AUTH_TAG_CUST_NOTFOUND", "0x09", "The customer authentication tag was not found in the image.",
                "FUS_STATE_AUTH_TAG_CUST_NOTFOUND", "AUTH_TAG_CUST_NOTFOUND");
        status("FUS_AUTH_KEY_LOCKED", "0x0A", "The key the user tries to load is locked.",
                "FUS_STATE_AUTH_KEY_LOCKED", "AUTH_KEY_LOCKED");
        status("FUS_FW_ROLLBACK_ERROR", "0x11", "Anti-rollback refused the image: it is older than the installed one.",
                "FUS_STATE_FW_ROLLBACK_ERROR", "FW_ROLLBACK_ERROR");
        status("FUS_STATE_NOT_RUNNING", "0xFE", "FUS is not running (the wireless stack runs); start FUS first (-startfus).",
                "FUS_NOT_RUNNING", "STATE_NOT_RUNNING");
        status("FUS_ERR_UNKNOWN", "0xFF", "Unknown FUS error.", "FUS_STATE_ERR_UNKNOWN", "ERR_UNKNOWN");
    }

    private FusCodes() {
    }

    private static void state(String name, String value, String meaning, String... aliases) {
        put(new FusCode(name, Kind.STATE, value, meaning), aliases);
    }

    private static void status(String name, String value, String meaning, String... aliases) {
        put(new FusCode(name, Kind.STATUS, value, meaning), aliases);
    }

    private static void put(FusCode code, String... aliases) {
        CODES.put(code.name(), code);
        ALIASES.put(code.name(), code.name());
        for (String a : aliases) {
            ALIASES.put(a, code.name());
        }
    }

    /** The code for any known spelling (case-insensitive), e.g. "FUS_STATE_IMAGE_NOT_AUTHENTIC" -> FUS_IMG_NOT_AUTHENTIC. */
    public static Optional<FusCode> lookup(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String canonical = ALIASES.get(token.trim().toUpperCase(Locale.ROOT));
        return canonical == null ? Optional.empty() : Optional.of(CODES.get(canonical));
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
        return java.util.Collections.unmodifiableMap(CODES);
    }

    /** True for statuses that mean an operation failed (not NO_ERROR; IMG_NOT_FOUND counts as failure). */
    public static boolean isFailureStatus(String canonicalName) {
        FusCode c = CODES.get(canonicalName);
        return c != null && c.kind() == Kind.STATUS && !c.name().equals("FUS_NO_ERROR");
    }
}
