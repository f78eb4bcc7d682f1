package dev.fuspath.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The flashing procedures of {@code rules/procedures.json}, by release era. */
public final class Procedures {

    /**
     * What a family's procedures say beyond the era's: the interfaces it can be driven through, whether SWD plans
     * end by restoring option bytes, and the first release whose procedure goes through FUS.
     */
    public record FamilyRule(List<String> interfaces, boolean restoreOptionBytes, FirmwareVersion fusProcedureFrom) {
        static final FamilyRule DEFAULT = new FamilyRule(List.of("usb", "swd"), true, null);
    }

    private final String fusInfoAddress;
    private final List<Era> eras;
    private final java.util.Map<String, FamilyRule> families;

    private Procedures(String fusInfoAddress, List<Era> eras, java.util.Map<String, FamilyRule> families) {
        this.fusInfoAddress = fusInfoAddress;
        this.eras = List.copyOf(eras);
        this.families = java.util.Map.copyOf(families);
    }

    public FamilyRule family(String name) {
        return families.getOrDefault(name, FamilyRule.DEFAULT);
    }

    public static Procedures bundled() {
        return Holder.BUNDLED;
    }

    public String fusInfoAddress() {
        return fusInfoAddress;
    }

    public Optional<Era> era(String tag) {
        FirmwareVersion release = FirmwareVersion.parse(tag);
        return release == null ? Optional.empty() : eras.stream().filter(e -> e.covers(release)).findFirst();
    }

    static Procedures parse(JsonNode root) {
        List<Era> eras = new ArrayList<>();
        for (JsonNode e : root.path("eras")) {
            List<Era.FusHop> hops = new ArrayList<>();
            for (JsonNode h : e.path("fusHops")) {
                String below = h.path("below").asText();
                hops.add(new Era.FusHop(version(h.path("from").asText()),
                        below.equals("latest") ? null : version(below), h.path("file").asText()));
            }
            eras.add(new Era(version(e.path("first").asText()), version(e.path("last").asText()),
                    strings(e.path("interfaces")),
                    e.hasNonNull("upToDateFrom") ? version(e.path("upToDateFrom").asText()) : null,
                    e.path("startFus").asBoolean(),
                    e.path("deleteStackBeforeFusUpgrade").asBoolean(), e.path("stackFirstInstall").asInt(),
                    e.path("antiRollback").asBoolean(), strings(e.path("swdUpgradeOptionBytes")),
                    strings(e.path("swdRestoreOptionBytes")),
                    strings(e.path("usbOnlyStackInstallOnFus")).stream().map(Procedures::version).toList(),
                    e.path("fusV2OnlyAddressNote").asBoolean(), hops));
        }
        java.util.Map<String, FamilyRule> families = new java.util.TreeMap<>();
        root.path("families").fields().forEachRemaining(f -> {
            JsonNode r = f.getValue();
            families.put(f.getKey(), new FamilyRule(
                    r.has("interfaces") ? strings(r.path("interfaces")) : FamilyRule.DEFAULT.interfaces(),
                    r.path("restoreOptionBytes").asBoolean(true),
                    r.hasNonNull("fusProcedureFrom") ? version(r.path("fusProcedureFrom").asText()) : null));
        });
        return new Procedures(root.path("fusInfoAddress").asText(), eras, families);
    }

    private static FirmwareVersion version(String text) {
        FirmwareVersion v = FirmwareVersion.parse(text);
        if (v == null) {
            throw new IllegalStateException("rules/procedures.json: '" + text + "' is not a version");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static final class Holder {
        static final Procedures BUNDLED = load();

        private static Procedures load() {
            try (InputStream in = Procedures.class.getClassLoader().getResourceAsStream("rules/procedures.json")) {
                if (in == null) {
                    throw new IOException("rules/procedures.json is not on the class path");
                }
                return parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rules/procedures.json", e);
            }
        }
    }
}
