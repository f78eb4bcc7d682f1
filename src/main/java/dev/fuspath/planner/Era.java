package dev.fuspath.planner;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.image.FirmwareVersion;
import java.util.List;
import java.util.Map;

/**
 * How one range of releases says to flash: which interfaces its procedure covers, which FUS image to install from
 * which running FUS, where FUS is read, when the stack is deleted, and the programmer options of the time. Every
 * rule comes from {@code rules/procedures.json} with the release-notes sentence it rests on ({@link #sources}).
 *
 * @param fusInfoAddress         per interface, the address the era reads the FUS version at
 * @param swdStartFusBeforeRead  over SWD the era's notes cannot read FUS directly (v1.6.0 to v1.11.0): fuspath
 *                               starts FUS itself before reading
 * @param deleteStack            per interface: "always-first" (STEP 3 deletes whatever is installed, before FUS is
 *                               read) or "if-installed" (an installed stack is deleted before another is installed)
 * @param fusBeforeAnything      the FUS upgrade must come before any other operation on these parts, or null
 * @param inPlaceUpgradeFromFus  from this running FUS on, a stack of the same kind is upgraded without a delete
 *                               (the NVM is kept); null when the era has no such rule
 * @param antiRollbackInterfaces the interfaces whose procedure has the anti-rollback command
 * @param usbBootloader          what the USB procedure says about entering the bootloader
 * @param cubeProgrammerAddressNote what the era says about STM32CubeProgrammer's proposed start address, or null
 * @param deleteStackNote        per interface, what the plan's why adds about the era's delete (where the notes'
 *                               procedure for that interface differs), or absent
 * @param sources                rule name to the notes' sentence ("deleteStack", "fusInfo", ...)
 */
public record Era(FirmwareVersion first, FirmwareVersion last, List<String> interfaces, FirmwareVersion upToDateFrom,
                  boolean startFus, Map<String, String> fusInfoAddress, boolean swdStartFusBeforeRead,
                  Map<String, DeleteMode> deleteStack, FusFirst fusBeforeAnything, FirmwareVersion inPlaceUpgradeFromFus,
                  int stackFirstInstall, boolean antiRollback, List<String> antiRollbackInterfaces,
                  List<String> swdUpgradeOptionBytes, List<String> swdRestoreOptionBytes, String usbBootloader,
                  String cubeProgrammerAddressNote, Map<String, String> deleteStackNote, List<FusHop> fusHops,
                  Map<String, Source> sources) {

    /** The release and sentence of the notes a rule rests on. */
    public record Source(String release, String quote) {
        @Override
        public String toString() {
            return release + " notes: \"" + quote + "\"";
        }
    }

    /** On these families and flash sizes, a running FUS below {@code belowFus} is upgraded before anything else. */
    public record FusFirst(List<String> families, List<String> flash, FirmwareVersion belowFus) {
        public boolean applies(Chip chip, FirmwareVersion running) {
            return families.contains(chip.family()) && flash.contains(chip.flash()) && running.compareTo(belowFus) < 0;
        }
    }

    /**
     * Install {@code file} when the running FUS is in [from, below); {@code below} null means the release's latest.
     */
    public record FusHop(FirmwareVersion from, FirmwareVersion below, String file) {
        public boolean applies(FirmwareVersion running, FirmwareVersion latest) {
            FirmwareVersion upper = below == null ? latest : below;
            return upper != null && running.compareTo(from) >= 0 && running.compareTo(upper) < 0;
        }
    }

    /** The running FUS is what this era's procedure calls up to date, even below the release's own FUS. */
    public boolean upToDate(FirmwareVersion running, FirmwareVersion latest) {
        return latest == null || running.compareTo(latest) >= 0
                || (upToDateFrom != null && running.compareTo(upToDateFrom) >= 0);
    }

    public boolean covers(FirmwareVersion release) {
        return release.compareTo(first) >= 0 && release.compareTo(last) <= 0;
    }

    /** When the era's procedure deletes the installed stack (procedures.json's {@code deleteStack}). */
    public enum DeleteMode {
        /** STEP 3 deletes whatever is installed, before FUS is read and upgraded. */
        ALWAYS_FIRST("always-first"),
        /** a stack is deleted only when one is installed and must go. */
        IF_INSTALLED("if-installed");

        private final String rule;

        DeleteMode(String rule) {
            this.rule = rule;
        }

        /** As procedures.json spells it. */
        public String rule() {
            return rule;
        }

        static java.util.Optional<DeleteMode> ofRule(String text) {
            return java.util.Arrays.stream(values()).filter(m -> m.rule.equals(text)).findFirst();
        }
    }

    public DeleteMode deleteStack(InterfaceKind iface) {
        return deleteStack.getOrDefault(iface.option(), DeleteMode.IF_INSTALLED);
    }

    public String fusInfoAddress(InterfaceKind iface) {
        // an era whose notes read FUS over USB only reads it at its USB address (rules/procedures.json, fusInfo)
        return fusInfoAddress.getOrDefault(iface.option(), fusInfoAddress.get(InterfaceKind.USB.option()));
    }

    /** The sentence a rule rests on, for people; "" when the rule has none. */
    public String cite(String rule) {
        Source s = sources.get(rule);
        return s == null ? "" : " (" + s + ")";
    }
}
