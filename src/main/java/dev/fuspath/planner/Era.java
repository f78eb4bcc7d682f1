package dev.fuspath.planner;

import dev.fuspath.image.FirmwareVersion;
import java.util.List;

/**
 * How one range of releases says to flash: which interfaces its procedure covers, which FUS image to install from
 * which running FUS, and the programmer options of the time.
 */
public record Era(FirmwareVersion first, FirmwareVersion last, List<String> interfaces, FirmwareVersion upToDateFrom,
                  boolean startFus,
                  boolean deleteStackBeforeFusUpgrade, int stackFirstInstall, boolean antiRollback,
                  List<String> swdUpgradeOptionBytes, List<String> swdRestoreOptionBytes,
                  List<FirmwareVersion> usbOnlyStackInstallOnFus,
                  boolean fusV2OnlyAddressNote, List<FusHop> fusHops) {

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
}
