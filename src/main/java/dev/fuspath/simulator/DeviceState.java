package dev.fuspath.simulator;

import dev.fuspath.image.FirmwareVersion;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulated STM32WB part holds, as far as FUS and the wireless stack are concerned. Immutable; change it with
 * {@link #toBuilder()}.
 *
 * @param deviceId          "0x495" (STM32WB5x/WB3x) or "0x494" (STM32WB1x)
 * @param flashSize         flash size in bytes
 * @param pageSize          flash page size in bytes (4096 on WB5x/3x, 2048 on WB1x)
 * @param fusAreaBytes      bytes at the top of flash that FUS itself occupies (simulator constant, default 48 KiB)
 * @param fus               the FUS version installed
 * @param fusRunning        CPU2 runs FUS (it answers FUS commands; 0x20030030 shows its version)
 * @param stack             installed wireless stack, null when none
 * @param sfsaPage          secure flash start, in pages from 0x08000000: where the stack begins, or FUS when none
 * @param antiRollbackFloor null when anti-rollback is off; else the lowest stack version FUS still installs
 * @param stackRunning      CPU2 runs the wireless stack
 * @param optionBytes       option bytes set with -ob (name to value as given)
 */
public record DeviceState(String deviceId, long flashSize, int pageSize, long fusAreaBytes, FirmwareVersion fus,
                          boolean fusRunning, InstalledStack stack, int sfsaPage, FirmwareVersion antiRollbackFloor,
                          boolean stackRunning, Map<String, String> optionBytes) {

    public static final long FLASH_BASE = 0x08000000L;
    public static final long DEFAULT_FUS_AREA = 48 * 1024;
    /** The FUS a part leaves the factory with (rules/procedures.json, through rules.FusFacts). */
    public static final FirmwareVersion FACTORY_FUS = dev.fuspath.rules.FusFacts.bundled().factoryFus();

    /**
     * An installed wireless stack.
     *
     * @param name      from the file name: "stm32wb5x_BLE_Stack_full_fw.bin" gives "BLE_Stack_full"
     * @param version   footer version
     * @param address   where it was written (and where the secure area now starts)
     * @param size      image size in bytes
     * @param fusV2Only installed from a FUS-v2-only image (magic 0xB10C8B99)
     */
    public record InstalledStack(String name, FirmwareVersion version, long address, long size, boolean fusV2Only) {
    }

    public DeviceState {
        if (pageSize <= 0 || flashSize <= 0 || flashSize % pageSize != 0 || fusAreaBytes % pageSize != 0
                || fusAreaBytes >= flashSize) {
            throw new IllegalArgumentException("inconsistent flash geometry");
        }
        if (fus == null || deviceId == null) {
            throw new IllegalArgumentException("device id and FUS version are required");
        }
        if (fusRunning && stackRunning) {
            throw new IllegalArgumentException("CPU2 runs either FUS or the stack");
        }
        if (stackRunning && stack == null) {
            throw new IllegalArgumentException("no stack to run");
        }
        optionBytes = Map.copyOf(optionBytes == null ? Map.of() : optionBytes);
    }

    /**
     * A part as it leaves the factory: FUS 0.5.3 running, no stack, SFSA at the FUS area. The FUS area is sized so
     * that stacks end where the catalog's stack tops (index.json, derived from the release notes) say: 48 KiB below
     * the end of a 1M part (0x080F4000), 40 KiB on STM32WB1x (0x08046000), and at the end of the user flash on
     * 640K, 512K and 256K parts, whose FUS lies outside it.
     *
     * @param flash "1M", "640K", "512K", "256K" (STM32WB5x/3x, 0x495, 4 KiB pages) or "320K" (STM32WB1x, 0x494,
     *              2 KiB pages)
     */
    public static DeviceState factory(String flash) {
        String f = flash.trim().toUpperCase(Locale.ROOT);
        Builder b = builder();
        switch (f) {
            case "1M" -> b.deviceId("0x495").flashSize(1024 * 1024).pageSize(4096);
            case "640K" -> b.deviceId("0x495").flashSize(640 * 1024).pageSize(4096).fusAreaBytes(0);
            case "512K" -> b.deviceId("0x495").flashSize(512 * 1024).pageSize(4096).fusAreaBytes(0);
            case "256K" -> b.deviceId("0x495").flashSize(256 * 1024).pageSize(4096).fusAreaBytes(0);
            case "320K" -> b.deviceId("0x494").flashSize(320 * 1024).pageSize(2048).fusAreaBytes(40 * 1024);
            default -> throw new IllegalArgumentException("unknown flash size " + flash);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.deviceId = deviceId;
        b.flashSize = flashSize;
        b.pageSize = pageSize;
        b.fusAreaBytes = fusAreaBytes;
        b.fus = fus;
        b.fusRunning = fusRunning;
        b.stack = stack;
        b.sfsaPage = sfsaPage;
        b.antiRollbackFloor = antiRollbackFloor;
        b.stackRunning = stackRunning;
        b.optionBytes = new TreeMap<>(optionBytes);
        return b;
    }

    /** First address of FUS's own area: the top any stack must end at. */
    public long fusStart() {
        return FLASH_BASE + flashSize - fusAreaBytes;
    }

    public long sfsaAddress() {
        return FLASH_BASE + (long) sfsaPage * pageSize;
    }

    public boolean antiRollback() {
        return antiRollbackFloor != null;
    }

    public boolean hasStack() {
        return stack != null;
    }

    public int pageOf(long address) {
        return (int) ((address - FLASH_BASE) / pageSize);
    }

    /**
     * The name the connection banner prints: "STM32WB5x/35xx" as STM32CubeProgrammer 2.12 and later print it
     * (st-122333 of the real-log corpus), or "STM32WB1x" (assumed: no public banner of a WB1x part).
     */
    public String deviceName() {
        return deviceId.equals("0x494") ? "STM32WB1x" : "STM32WB5x/35xx";
    }

    /** The FUS version word read at 0x20030030: major<<24 | minor<<16 | sub<<8. */
    public long fusWord() {
        return ((long) fus.major() << 24) | ((long) fus.minor() << 16) | ((long) fus.sub() << 8);
    }

    public static final class Builder {
        private String deviceId = "0x495";
        private long flashSize = 1024 * 1024;
        private int pageSize = 4096;
        private long fusAreaBytes = DEFAULT_FUS_AREA;
        private FirmwareVersion fus = FACTORY_FUS;
        private Boolean fusRunning;
        private InstalledStack stack;
        private Integer sfsaPage;
        private FirmwareVersion antiRollbackFloor;
        private boolean stackRunning;
        private Map<String, String> optionBytes = new TreeMap<>();

        private Builder() {
        }

        public Builder deviceId(String v) { deviceId = v; return this; }
        public Builder flashSize(long v) { flashSize = v; return this; }
        public Builder pageSize(int v) { pageSize = v; return this; }
        public Builder fusAreaBytes(long v) { fusAreaBytes = v; return this; }
        public Builder fus(FirmwareVersion v) { fus = v; return this; }
        /** CPU2 runs FUS; true also clears {@code stackRunning}. */
        public Builder fusRunning(boolean v) {
            fusRunning = v;
            if (v) {
                stackRunning = false;
            }
            return this;
        }

        /** CPU2 runs the stack; true also clears {@code fusRunning}. */
        public Builder stackRunning(boolean v) {
            stackRunning = v;
            if (v) {
                fusRunning = false;
            }
            return this;
        }
        public Builder antiRollbackFloor(FirmwareVersion v) { antiRollbackFloor = v; return this; }
        public Builder optionBytes(Map<String, String> v) { optionBytes = new TreeMap<>(v); return this; }
        public Builder optionByte(String k, String v) { optionBytes.put(k, v); return this; }

        /** Sets the stack; SFSA follows it (to its start, or to the FUS area when null) unless set explicitly after. */
        public Builder stack(InstalledStack v) {
            stack = v;
            sfsaPage = null;
            return this;
        }

        public Builder sfsaPage(int v) { sfsaPage = v; return this; }

        public DeviceState build() {
            long fusStart = FLASH_BASE + flashSize - fusAreaBytes;
            int sfsa = sfsaPage != null ? sfsaPage
                    : (int) (((stack != null ? stack.address() : fusStart) - FLASH_BASE) / pageSize);
            boolean fr = fusRunning != null ? fusRunning : !stackRunning;
            return new DeviceState(deviceId, flashSize, pageSize, fusAreaBytes, fus, fr, stack, sfsa,
                    antiRollbackFloor, stackRunning, optionBytes);
        }
    }
}
