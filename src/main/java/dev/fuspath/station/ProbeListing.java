package dev.fuspath.station;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code STM32_Programmer_CLI -l st-link} and {@code -l usb} print: the probes a station can use. An
 * ordered rule table, each rule with the public log its shape comes from:
 * <ol>
 * <li>{@code ST-Link Probe 0 :} opens a probe; {@code ST-LINK SN  : 066CFF383333554157243011} and
 *     {@code ST-LINK FW  : V2J34M25} follow (STM32CubeProgrammer v2.2.0 {@code -l} quoted in a public README of a
 *     Wize LAN project; v2.17.0 adds {@code Access Port Number  : 0} and {@code Board Name  : ...}, in a public
 *     README documenting {@code STM32_Programmer_CLI.exe -l}, which also shows a probe with serial
 *     {@code 5&1E237D3C&0&3} and an empty FW line: a Windows device path, not a usable probe; it is skipped).</li>
 * <li>{@code Device Index           : USB1} opens a DFU device; {@code Serial number          : ...} and
 *     {@code Device ID              : 0x0500} follow (public {@code STM32_Programmer_CLI -l usb} logs of v2.2.0 and
 *     v2.5.0 for STM32MP1 boards).</li>
 * <li>{@code Error: No ST-Link detected!} (public {@code -l} log) and {@code No STM32 device in DFU mode connected}
 *     (v2.2.0 and v2.17.0 logs): no probe of that kind.</li>
 * </ol>
 * {@code sn=} in a connection ({@code --connect port=SWD sn=...}) follows public station scripts
 * (hari06021999/Ultrasonic ci-cd-tool/flash.bat; the v2.17.0 README shows {@code -c port=SWD SN=...}).
 * Every other line is ignored. At most {@link #MAX_PROBES} probes are read.
 */
public final class ProbeListing {

    public static final int MAX_PROBES = 64;

    /** A probe: an ST-LINK by serial number (SWD) or a DFU device by port (usb1, usb2, ...). */
    public record Probe(Kind kind, String id, String firmware) {
        public String iface() {
            return kind == Kind.STLINK ? "swd" : "usb";
        }
    }

    public enum Kind { STLINK, DFU }

    private static final Pattern STLINK_OPEN = Pattern.compile("^\\s*ST-?Link Probe\\s+(\\d{1,3})\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STLINK_SN = Pattern.compile("^\\s*ST-?LINK SN\\s*:\\s*(\\S{0,64})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STLINK_FW = Pattern.compile("^\\s*ST-?LINK FW\\s*:\\s*(\\S{0,32})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DFU_INDEX = Pattern.compile("^\\s*Device Index\\s*:\\s*(USB\\d{1,3})\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SERIAL = Pattern.compile("[0-9A-Za-z]{4,32}");

    private ProbeListing() {
    }

    public static List<Probe> parse(String output) {
        List<Probe> probes = new ArrayList<>();
        boolean inProbe = false;
        String sn = null;
        String fw = null;
        for (String raw : output.split("\r\n|\r|\n")) {
            String line = raw.length() > 256 ? raw.substring(0, 256) : raw;
            line = line.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
            Matcher m;
            if ((m = STLINK_OPEN.matcher(line)).matches()) {
                add(probes, inProbe, sn, fw);
                inProbe = true;
                sn = null;
                fw = null;
            } else if (inProbe && (m = STLINK_SN.matcher(line)).matches()) {
                sn = m.group(1);
            } else if (inProbe && (m = STLINK_FW.matcher(line)).matches()) {
                fw = m.group(1);
            } else if ((m = DFU_INDEX.matcher(line)).matches()) {
                add(probes, inProbe, sn, fw);
                inProbe = false;
                if (probes.size() < MAX_PROBES) {
                    probes.add(new Probe(Kind.DFU, m.group(1).toLowerCase(Locale.ROOT), null));
                }
            }
        }
        add(probes, inProbe, sn, fw);
        return List.copyOf(probes);
    }

    private static void add(List<Probe> probes, boolean inProbe, String sn, String fw) {
        if (inProbe && sn != null && SERIAL.matcher(sn).matches() && probes.size() < MAX_PROBES
                && probes.stream().noneMatch(p -> p.id().equals(sn))) {
            probes.add(new Probe(Kind.STLINK, sn, fw == null || fw.isEmpty() ? null : fw));
        }
    }
}
