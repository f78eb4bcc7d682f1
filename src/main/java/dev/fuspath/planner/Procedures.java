package dev.fuspath.planner;

import dev.fuspath.rules.RuleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The flashing procedures of {@code rules/procedures.json}, by release era. */
public final class Procedures {

    /**
     * What a family's procedures say beyond the era's: the interfaces it can be driven through, whether SWD plans
     * end by restoring option bytes, and the first release whose procedure goes through FUS.
     */
    public record FamilyRule(List<String> interfaces, boolean restoreOptionBytes, FirmwareVersion fusProcedureFrom,
                             List<NoFusRoute> noFusRoute) {
        static final FamilyRule DEFAULT = new FamilyRule(List.of("usb", "swd"), true, null, List.of());
    }

    /**
     * Releases [first, last] whose procedure for the family has no FUS route for a part running FUS below
     * {@code belowFus}.
     */
    public record NoFusRoute(FirmwareVersion first, FirmwareVersion last, FirmwareVersion belowFus, String rule,
                             String text, Era.Source source) {
        public boolean applies(FirmwareVersion release, FirmwareVersion running) {
            return release.compareTo(first) >= 0 && release.compareTo(last) <= 0 && running.compareTo(belowFus) < 0;
        }

        public boolean covers(FirmwareVersion release) {
            return release.compareTo(first) >= 0 && release.compareTo(last) <= 0;
        }
    }

    /**
     * How much lower legacy images go once an image marked FUS_v2 only was installed, for a part running at least
     * {@code fromRunningFus} (only FUS 2.x installs such images), whatever the target release.
     */
    public record LegacyShift(long shift, FirmwareVersion fromRunningFus, Era.Source source) {
    }

    /** The FUS that installs the FUS_v2-only stacks of releases [first, last]. */
    public record V2OnlyInstaller(FirmwareVersion first, FirmwareVersion last, FirmwareVersion fus,
                                  Era.Source source) {
    }

    /** A rule about a running FUS version, whatever the release: the interfaces it cannot be driven through. */
    public record FusRule(FirmwareVersion fus, List<String> refuseInterfaces, String rule, String text,
                          Era.Source source) {
    }

    /** Advice the field learned, for plans on these families, flash sizes and interfaces. */
    public record FieldAdvice(List<String> families, List<String> flash, List<String> interfaces, String text,
                              Era.Source source) {
        public boolean applies(Chip chip, dev.fuspath.programmer.InterfaceKind iface) {
            return families.contains(chip.family()) && flash.contains(chip.flash())
                    && interfaces.contains(iface.option());
        }
    }

    private final List<Era> eras;
    private final Map<String, FamilyRule> families;
    private final List<FusRule> fusRules;
    private final List<String[]> stackKinds;
    private final String startStackWhy;
    private final List<FieldAdvice> fieldAdvice;
    private final List<FirmwareVersion> fusNamedByNotes;
    private final LegacyShift legacyShift;
    private final List<V2OnlyInstaller> v2OnlyInstallers;

    private Procedures(List<Era> eras, Map<String, FamilyRule> families, List<FusRule> fusRules,
                       List<String[]> stackKinds, String startStackWhy, List<FieldAdvice> fieldAdvice,
                       List<FirmwareVersion> fusNamedByNotes, LegacyShift legacyShift,
                       List<V2OnlyInstaller> v2OnlyInstallers) {
        this.legacyShift = legacyShift;
        this.v2OnlyInstallers = List.copyOf(v2OnlyInstallers);
        this.fusNamedByNotes = List.copyOf(fusNamedByNotes);
        this.eras = List.copyOf(eras);
        this.families = Map.copyOf(families);
        this.fusRules = List.copyOf(fusRules);
        this.stackKinds = List.copyOf(stackKinds);
        this.startStackWhy = startStackWhy;
        this.fieldAdvice = List.copyOf(fieldAdvice);
    }

    public FamilyRule family(String name) {
        return families.getOrDefault(name, FamilyRule.DEFAULT);
    }

    public static Procedures bundled() {
        return Holder.BUNDLED;
    }

    public Optional<Era> era(String tag) {
        FirmwareVersion release = FirmwareVersion.parse(tag);
        return release == null ? Optional.empty() : eras.stream().filter(e -> e.covers(release)).findFirst();
    }

    public List<FusRule> fusRules() {
        return fusRules;
    }

    /** FUS versions the notes name that no release ships as an image (the factory 0.5.3, 1.1.1). */
    public List<FirmwareVersion> fusNamedByNotes() {
        return fusNamedByNotes;
    }

    /** The legacy address shift after a FUS_v2-only install, or null when the rules have none. */
    public LegacyShift legacyShift() {
        return legacyShift;
    }

    /** Which FUS installs the FUS_v2-only stacks the release {@code tag} shipped. */
    public Optional<V2OnlyInstaller> v2OnlyInstaller(String tag) {
        FirmwareVersion release = FirmwareVersion.parse(tag);
        return release == null ? Optional.empty() : v2OnlyInstallers.stream()
                .filter(i -> release.compareTo(i.first()) >= 0 && release.compareTo(i.last()) <= 0).findFirst();
    }

    public List<FieldAdvice> fieldAdvice() {
        return fieldAdvice;
    }

    /** The why of fuspath's own start-stack step. */
    public String startStackWhy() {
        return startStackWhy;
    }

    /** The kind of a stack (BLE, Thread, BLE_Thread...), for the in-place upgrade; the name itself when none fits. */
    public String stackKind(String stack) {
        if (stack == null) {
            return null;
        }
        for (String[] p : stackKinds) {
            if (stack.startsWith(p[0])) {
                return p[1];
            }
        }
        return stack;
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
            Map<String, Era.Source> sources = new LinkedHashMap<>();
            JsonNode fusInfo = e.path("fusInfo");
            Map<String, String> fusInfoAddress = new LinkedHashMap<>();
            for (String iface : List.of("usb", "swd")) {
                if (fusInfo.hasNonNull(iface)) {
                    fusInfoAddress.put(iface, fusInfo.path(iface).asText());
                }
            }
            source(sources, "fusInfo", fusInfo.path("source"));
            JsonNode delete = e.path("deleteStack");
            Map<String, Era.DeleteMode> deleteStack = new LinkedHashMap<>();
            for (String iface : List.of("usb", "swd")) {
                if (delete.hasNonNull(iface)) {
                    String v = delete.path(iface).asText();
                    deleteStack.put(iface, Era.DeleteMode.ofRule(v).orElseThrow(() -> new IllegalStateException(
                            "rules/procedures.json: deleteStack '" + v + "'")));
                }
            }
            source(sources, "deleteStack", delete.path("source"));
            Era.FusFirst fusFirst = null;
            JsonNode ff = e.path("fusBeforeAnything");
            if (ff.isObject()) {
                fusFirst = new Era.FusFirst(strings(ff.path("families")), strings(ff.path("flash")),
                        version(ff.path("belowFus").asText()));
                source(sources, "fusBeforeAnything", ff.path("source"));
            }
            JsonNode usb = e.path("usbBootloader");
            source(sources, "usbBootloader", usb.path("source"));
            JsonNode cp = e.path("cubeProgrammerAddressNote");
            source(sources, "cubeProgrammerAddressNote", cp.path("source"));
            Map<String, String> deleteStackNote = new LinkedHashMap<>();
            for (String iface : List.of("usb", "swd")) {
                if (delete.hasNonNull(iface + "Why")) {
                    deleteStackNote.put(iface, delete.path(iface + "Why").asText());
                }
            }
            source(sources, "stackFirstInstall", e.path("firstInstallSource"));
            source(sources, "startFus", e.path("startFusSource"));
            source(sources, "inPlaceUpgrade", e.path("inPlaceSource"));
            source(sources, "antiRollback", e.path("antiRollbackSource"));
            source(sources, "swdRestoreOptionBytes", e.path("swdRestoreSource"));
            source(sources, "swdUpgradeOptionBytes", e.path("swdUpgradeOptionBytesSource"));
            eras.add(new Era(version(e.path("first").asText()), version(e.path("last").asText()),
                    strings(e.path("interfaces")),
                    e.hasNonNull("upToDateFrom") ? version(e.path("upToDateFrom").asText()) : null,
                    e.path("startFus").asBoolean(), fusInfoAddress, fusInfo.path("swdStartFusFirst").asBoolean(),
                    deleteStack, fusFirst,
                    e.hasNonNull("inPlaceUpgradeFromFus") ? version(e.path("inPlaceUpgradeFromFus").asText()) : null,
                    e.path("stackFirstInstall").asInt(), e.path("antiRollback").asBoolean(),
                    e.has("antiRollbackInterfaces") ? strings(e.path("antiRollbackInterfaces")) : List.of("swd"),
                    strings(e.path("swdUpgradeOptionBytes")), strings(e.path("swdRestoreOptionBytes")),
                    usb.path("text").asText(null), cp.path("text").asText(null), deleteStackNote, hops, sources));
        }
        Map<String, FamilyRule> families = new java.util.TreeMap<>();
        root.path("families").fields().forEachRemaining(f -> {
            JsonNode r = f.getValue();
            List<NoFusRoute> noRoute = new ArrayList<>();
            for (JsonNode n : r.path("noFusRoute")) {
                noRoute.add(new NoFusRoute(version(n.path("first").asText()), version(n.path("last").asText()),
                        version(n.path("belowFus").asText()), n.path("rule").asText(), n.path("text").asText(),
                        sourceOf(n.path("source"))));
            }
            families.put(f.getKey(), new FamilyRule(
                    r.has("interfaces") ? strings(r.path("interfaces")) : FamilyRule.DEFAULT.interfaces(),
                    r.path("restoreOptionBytes").asBoolean(true),
                    r.hasNonNull("fusProcedureFrom") ? version(r.path("fusProcedureFrom").asText()) : null,
                    List.copyOf(noRoute)));
        });
        List<FusRule> fusRules = new ArrayList<>();
        for (JsonNode r : root.path("fusRules")) {
            fusRules.add(new FusRule(version(r.path("fus").asText()), strings(r.path("refuseInterfaces")),
                    r.path("rule").asText(), r.path("text").asText(), sourceOf(r.path("source"))));
        }
        List<String[]> kinds = new ArrayList<>();
        for (JsonNode k : root.path("stackKinds").path("prefixes")) {
            kinds.add(new String[] {k.path(0).asText(), k.path(1).asText()});
        }
        List<FieldAdvice> advice = new ArrayList<>();
        for (JsonNode a : root.path("fieldAdvice")) {
            advice.add(new FieldAdvice(strings(a.path("families")), strings(a.path("flash")),
                    strings(a.path("interfaces")), a.path("text").asText(), sourceOf(a.path("source"))));
        }
        List<FirmwareVersion> named = new ArrayList<>();
        for (JsonNode n : root.path("fusVersionsNamedByNotes")) {
            named.add(version(n.path("version").asText()));
        }
        JsonNode shift = root.path("legacyAddressShiftAfterFusV2Only");
        LegacyShift legacyShift = shift.isObject() ? new LegacyShift(Long.decode(shift.path("shift").asText()),
                version(shift.path("fromRunningFus").asText()), sourceOf(shift.path("source"))) : null;
        List<V2OnlyInstaller> installers = new ArrayList<>();
        for (JsonNode i : root.path("fusV2OnlyInstalledBy").path("eras")) {
            installers.add(new V2OnlyInstaller(version(i.path("first").asText()), version(i.path("last").asText()),
                    version(i.path("fus").asText()), sourceOf(i.path("source"))));
        }
        return new Procedures(eras, families, fusRules, kinds, root.path("startStack").path("text").asText(),
                advice, named, legacyShift, installers);
    }

    private static void source(Map<String, Era.Source> sources, String rule, JsonNode node) {
        Era.Source s = sourceOf(node);
        if (s != null) {
            sources.put(rule, s);
        }
    }

    private static Era.Source sourceOf(JsonNode node) {
        return node.isObject() ? new Era.Source(node.path("release").asText(), node.path("quote").asText()) : null;
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
            return parse(RuleFiles.bundled().read("procedures.json"));
        }
    }
}
