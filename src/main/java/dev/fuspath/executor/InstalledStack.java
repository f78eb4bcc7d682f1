package dev.fuspath.executor;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Kind;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.image.FirmwareVersion;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the stack a device runs. The device says only its version (and where the secure area starts); the catalog
 * says which stacks of the family had that version and where each was installed.
 *
 * @param text      what the planner takes: "none", "BLE_Stack_full 1.13.0", or "unidentified 1.13.0"
 * @param certain   one stack of the catalog matches version and address
 * @param candidates the stack names that match the version
 */
public record InstalledStack(String text, boolean certain, Set<String> candidates) {

    public static InstalledStack identify(Catalog catalog, String family, DeviceFacts device) {
        if (!Boolean.TRUE.equals(device.stackInstalled()) || device.stack() == null) {
            return new InstalledStack("none", true, Set.of());
        }
        FirmwareVersion version = device.stack();
        Set<String> byVersion = new TreeSet<>();
        Set<String> byAddress = new TreeSet<>();
        String flash = device.flashLabel();
        Long sfsa = device.sfsaAddress();
        for (ReleaseCatalog release : catalog.releasesNewestFirst()) {
            for (BinaryRecord b : release.binaries()) {
                if (!b.family().equals(family) || b.kind() != Kind.STACK || b.stack() == null || b.version() == null) {
                    continue;
                }
                FirmwareVersion v;
                try {
                    v = FirmwareVersion.parse(b.version());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!v.sameRelease(version)) {
                    continue;
                }
                byVersion.add(b.stack());
                if (sfsa != null && flash != null && (matches(b.installAddress().get(flash), sfsa)
                        || matches(b.computedAddress().get(flash), sfsa))) {
                    byAddress.add(b.stack());
                }
            }
        }
        if (byAddress.size() == 1) {
            return new InstalledStack(byAddress.iterator().next() + " " + version, true, byVersion);
        }
        if (byVersion.size() == 1) {
            return new InstalledStack(byVersion.iterator().next() + " " + version, false, byVersion);
        }
        return new InstalledStack("unidentified " + version, false, byVersion);
    }

    private static boolean matches(String address, long sfsa) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        try {
            return a.startsWith("0x") && Long.parseLong(a.substring(2), 16) == sfsa;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
