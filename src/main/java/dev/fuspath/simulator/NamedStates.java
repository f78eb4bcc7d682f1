package dev.fuspath.simulator;

import dev.fuspath.image.FirmwareVersion;
import java.util.Locale;

/**
 * Device states by name, for {@code fuspath flash --backend simulator --simulate SPEC}: "factory-1M" (any flash size
 * of {@link DeviceState#factory}), or "flash=512K,fus=1.2.0[,stack=BLE_Stack_full@1.13.0@0x08053000]".
 */
public final class NamedStates {

    private NamedStates() {
    }

    public static DeviceState parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("factory-")) {
            try {
                return DeviceState.factory(s.substring("factory-".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(usage(spec)); // the sizes there are, not just "unknown"
            }
        }
        String flash = null;
        FirmwareVersion fus = DeviceState.FACTORY_FUS;
        DeviceState.InstalledStack stack = null;
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(usage(spec));
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            switch (key) {
                case "flash" -> flash = value;
                case "fus" -> fus = FirmwareVersion.parse(value);
                case "stack" -> {
                    String[] p = value.split("@");
                    if (p.length != 3 || !p[2].toLowerCase(Locale.ROOT).startsWith("0x")) {
                        throw new IllegalArgumentException(usage(spec));
                    }
                    stack = new DeviceState.InstalledStack(p[0], FirmwareVersion.parse(p[1]),
                            Long.parseLong(p[2].substring(2), 16), 0, false);
                }
                default -> throw new IllegalArgumentException(usage(spec));
            }
        }
        if (flash == null) {
            throw new IllegalArgumentException(usage(spec));
        }
        try {
            return DeviceState.factory(flash).toBuilder().fus(fus).stack(stack).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(usage(spec));
        }
    }

    private static String usage(String spec) {
        String shown = spec == null ? "" : spec.length() > 80 ? spec.substring(0, 80) + "..." : spec;
        return "unknown device state '" + shown + "': give factory-1M (or 640K, 512K, 256K, 320K), or"
                + " flash=512K,fus=1.2.0[,stack=BLE_Stack_full@1.13.0@0x08053000]";
    }
}
