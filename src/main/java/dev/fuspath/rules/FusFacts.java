package dev.fuspath.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fuspath.image.FirmwareVersion;

/**
 * Facts about FUS that the planner, diagnose, the executor and the simulator all use, read from the rules instead
 * of re-declared in each: the factory FUS, the FUS an image marked FUS_v2 only needs, the address FUS keeps its
 * version word at, and the room a FUS_v2-only image keeps below itself.
 *
 * @param factoryFus          the FUS a part leaves the factory with ({@code procedures.json},
 *                            {@code fusVersionsNamedByNotes} entry marked {@code factory})
 * @param fusV2OnlyImagesNeed the oldest FUS that installs an image marked FUS_v2 only
 *                            ({@code procedures.json}, {@code fusV2OnlyImagesNeedFus})
 * @param fusInfoAddress      where FUS keeps its version word, as every era reads it over USB
 *                            ({@code procedures.json}, each era's {@code fusInfo.usb}; they must agree)
 * @param fusV2OnlyReserve    the bytes a FUS_v2-only image keeps below its install address
 *                            ({@code families.json}, {@code fusV2OnlyReserveBytes}): a legacy image installed after
 *                            one goes that much lower
 */
public record FusFacts(FirmwareVersion factoryFus, FirmwareVersion fusV2OnlyImagesNeed, long fusInfoAddress,
                       long fusV2OnlyReserve) {

    private static final class Holder {
        static final FusFacts BUNDLED = of(RuleFiles.bundled());
    }

    /** The facts of the rules built into the artifact. */
    public static FusFacts bundled() {
        return Holder.BUNDLED;
    }

    /** The facts of {@code files}; a missing or wrong entry is refused naming the file and the entry. */
    public static FusFacts of(RuleFiles files) {
        return of(files.read("procedures.json"), files.read("families.json"));
    }

    static FusFacts of(JsonNode procedures, JsonNode families) {
        FirmwareVersion factory = null;
        for (JsonNode v : procedures.path("fusVersionsNamedByNotes")) {
            if (v.path("factory").asBoolean(false)) {
                if (factory != null) {
                    throw RuleFiles.entryError("procedures.json", "fusVersionsNamedByNotes " + v.path("version").asText(),
                            "a second factory FUS (" + factory + " is one)");
                }
                factory = version("fusVersionsNamedByNotes", v.path("version").asText());
            }
        }
        if (factory == null) {
            throw RuleFiles.entryError("procedures.json", "fusVersionsNamedByNotes", "no version is marked factory");
        }
        FirmwareVersion v2 = version("fusV2OnlyImagesNeedFus", procedures.path("fusV2OnlyImagesNeedFus").path("fus")
                .asText());
        Long address = null;
        for (JsonNode era : procedures.path("eras")) {
            String where = "eras " + era.path("first").asText();
            String text = era.path("fusInfo").path("usb").asText("");
            if (text.isEmpty()) {
                throw RuleFiles.entryError("procedures.json", where, "fusInfo has no usb address");
            }
            long a = hex(where, text);
            if (address != null && address != a) {
                throw RuleFiles.entryError("procedures.json", where, "fusInfo.usb " + text + " is not the address"
                        + " the other eras read FUS at");
            }
            address = a;
        }
        if (address == null) {
            throw RuleFiles.entryError("procedures.json", "eras", "none");
        }
        long reserve = families.path("fusV2OnlyReserveBytes").asLong(0);
        if (reserve <= 0) {
            throw RuleFiles.entryError("families.json", "fusV2OnlyReserveBytes", "missing or not a positive number");
        }
        JsonNode shift = procedures.path("legacyAddressShiftAfterFusV2Only").path("shift");
        if (!shift.isMissingNode() && hexOrZero(shift.asText()) != reserve) {
            throw RuleFiles.entryError("procedures.json", "legacyAddressShiftAfterFusV2Only", "shift " + shift.asText()
                    + " is not families.json's fusV2OnlyReserveBytes (" + reserve + "): the legacy image moves down by"
                    + " the room the FUS_v2-only image kept");
        }
        return new FusFacts(factory, v2, address, reserve);
    }

    /** The reserve as the notes write it: "0x4000". */
    public String fusV2OnlyReserveHex() {
        return "0x" + Long.toHexString(fusV2OnlyReserve).toUpperCase(java.util.Locale.ROOT);
    }

    /** The FUS information address as the notes write it: "0x20030030". */
    public String fusInfoAddressHex() {
        return String.format(java.util.Locale.ROOT, "0x%08X", fusInfoAddress);
    }

    private static FirmwareVersion version(String entry, String text) {
        FirmwareVersion v = FirmwareVersion.parse(text);
        if (v == null) {
            throw RuleFiles.entryError("procedures.json", entry, "'" + text + "' is not a version");
        }
        return v;
    }

    private static long hexOrZero(String text) {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long hex(String entry, String text) {
        try {
            return Long.decode(text);
        } catch (NumberFormatException e) {
            throw RuleFiles.entryError("procedures.json", entry, "'" + text + "' is not an address");
        }
    }
}
