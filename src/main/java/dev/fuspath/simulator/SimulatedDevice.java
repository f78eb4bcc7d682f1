package dev.fuspath.simulator;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterReader;
import dev.fuspath.image.FooterReading;
import dev.fuspath.image.ImageFooter;
import dev.fuspath.image.ImageType;
import dev.fuspath.programmer.DeviceInfoTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * An STM32WB part behind STM32_Programmer_CLI: {@link #run} executes one CLI invocation (the argument list a plan
 * step gives) against a {@link DeviceState} and prints output in the shapes
 * {@link dev.fuspath.programmer.ProgrammerOutputParser} recognises. The output starts with the command line, so
 * the parser attributes every line to the right operation.
 *
 * <p>Rules (AN5185 and the coprocessor release notes where they say something; simulator choices otherwise):
 * <ul>
 * <li>FUS commands (-fwupgrade, -fwdelete, -startwirelessstack, -antirollback) need FUS running. Over USB the
 *     bootloader starts it implicitly; over SWD they fail with FUS_NOT_RUNNING / "FUS is not in IDLE state" until
 *     -startfus. {@code mode=UR} does not change what CPU2 runs (simplification).</li>
 * <li>-r32 reads the device information table at 0x20030024 in its FUS layout while FUS runs (FUS version at
 *     0x20030030, 0 there while the stack runs) and in its wireless layout while the stack runs (see
 *     {@link #deviceInfoWord}); other addresses read 0. The connection mode does not change what is read
 *     (simplification).</li>
 * <li>-ob displ lists the option bytes, SFSA among them as its page number.</li>
 * <li>-fwupgrade with firstinstall=0 (the CLI default) first deletes the installed stack, for any image, as the
 *     CLI's "Old wireless stack delete" step does. Then the image is written at ADDR: it must be page aligned, in
 *     flash, and its bytes must end at or below the secure area start (SFSA), else "Error: Wrong address".</li>
 * <li>The FUS then looks for the image where it expects it: right below the SFSA, i.e. ADDR + size rounded up to
 *     pages (+16 KiB for FUS-v2-only stacks) == SFSA. Up to {@link #tolerancePages} pages lower is still found;
 *     lower still gives FUS_STATE_IMG_NOT_FOUND. A v2-only image whose 16 KiB reserve would reach into the SFSA
 *     gives FUS_NO_ENOUGH_SPACE.</li>
 * <li>Image type: FUS magic 0x32279221, stack 0x23372991, FUS-v2-only stack 0xB10C8B99; anything else, or a footer
 *     FooterReader does not accept, is "not authentic". FUS &lt; 2.0.0 refuses v2-only stacks as not authentic.</li>
 * <li>FUS images: version word 0xFFFFFFFF means 1.2.0. FUS 0.5.3 takes only an image named *for_fus_0_5_3* of
 *     version 1.2.0; such an image is refused by any other FUS. Otherwise an image installs only when its version is
 *     higher than the running FUS; lower or equal is refused as not authentic (FUS never goes down). A FUS upgrade
 *     resets the part; FUS runs afterwards and the stack (if any is left) stays.</li>
 * <li>Stacks: install sets the stack at ADDR and moves SFSA down to ADDR; FUS keeps running. -fwdelete removes it
 *     and moves SFSA back up to the FUS area. -antirollback (needs a stack) records the installed version: from
 *     then on stacks older than it fail with FUS_FW_ROLLBACK_ERROR.</li>
 * <li>The size of the FUS area is a constant (48 KiB by default), not changed by FUS upgrades (simplification).</li>
 * </ul>
 * Not thread-safe: one device, one caller.
 */
public final class SimulatedDevice {

    public static final String TOOL_VERSION = "2.17.0";
    public static final long FUS_INFO_ADDRESS = 0x20030030L;
    static final long SAFEBOOT_WORD = 0x01010000L;
    public static final int DEFAULT_TOLERANCE_PAGES = 2;
    static final long V2_RESERVE = 16 * 1024;
    static final FirmwareVersion FUS_V2 = FirmwareVersion.of(2, 0, 0);
    static final FirmwareVersion UNSET_FUS_IS = FirmwareVersion.of(1, 2, 0);

    /**
     * One invocation's outcome.
     *
     * @param exitCode 0 when every command succeeded, 1 otherwise (also for a hung call)
     * @param output   what the CLI printed (for a hung call: what it printed before hanging)
     * @param state    the device after the call
     * @param hung     the call would not have returned before {@code hangFor}
     * @param hangFor  how long it would block; null unless hung
     */
    public record Result(int exitCode, String output, DeviceState state, boolean hung, Duration hangFor) {
        public boolean ok() {
            return exitCode == 0 && !hung;
        }
    }

    private DeviceState state;
    private final Faults faults;
    private final int tolerancePages;
    private final BitSet fired = new BitSet();
    private int calls;

    public SimulatedDevice(DeviceState initial) {
        this(initial, Faults.none(), DEFAULT_TOLERANCE_PAGES);
    }

    public SimulatedDevice(DeviceState initial, Faults faults) {
        this(initial, faults, DEFAULT_TOLERANCE_PAGES);
    }

    public SimulatedDevice(DeviceState initial, Faults faults, int tolerancePages) {
        this.state = initial;
        this.faults = faults;
        this.tolerancePages = tolerancePages;
    }

    public DeviceState state() {
        return state;
    }

    public int calls() {
        return calls;
    }

    public int tolerancePages() {
        return tolerancePages;
    }

    /** Largest image read from disk by {@link #imagesOnDisk}; coprocessor images are well under 1 MiB. */
    public static final long MAX_IMAGE = 4L * 1024 * 1024;

    /**
     * The files the arguments name after -fwupgrade, read from disk as the real tool would read them: file name to
     * bytes. A file that is missing, unreadable or larger than {@link #MAX_IMAGE} is left out, and the simulated tool
     * then reports it as missing.
     */
    public static Map<String, byte[]> imagesOnDisk(List<String> cliArgs) {
        Map<String, byte[]> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < cliArgs.size(); i++) {
            if (!cliArgs.get(i).equalsIgnoreCase("-fwupgrade")) {
                continue;
            }
            String name = cliArgs.get(i + 1);
            try {
                java.nio.file.Path p = java.nio.file.Path.of(name);
                if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.size(p) <= MAX_IMAGE) {
                    m.put(name, java.nio.file.Files.readAllBytes(p));
                }
            } catch (java.io.IOException | RuntimeException e) {
                // left out: reported by the simulated tool as a missing file
            }
        }
        return m;
    }

    /** Runs one STM32_Programmer_CLI invocation; {@code files} maps the file names used in the arguments to bytes. */
    public Result run(List<String> cliArgs, Map<String, byte[]> files) {
        calls++;
        Run r = new Run(List.copyOf(cliArgs), files == null ? Map.of() : files);
        Result result = r.execute();
        state = result.state();
        return result;
    }

    // ------------------------------------------------------------------------------------------------------------

    private record Cmd(String name, List<String> args) {
    }

    private static final class Failure extends RuntimeException {
        Failure() {
            super(null, null, false, false);
        }
    }

    private static final class Hang extends RuntimeException {
        Hang() {
            super(null, null, false, false);
        }
    }

    private final class Run {
        final List<String> args;
        final Map<String, byte[]> files;
        final StringBuilder out = new StringBuilder();
        DeviceState s = state;
        boolean usb;
        Faults.Kind fault;
        Cmd faultTarget;
        Random random;

        Run(List<String> args, Map<String, byte[]> files) {
            this.args = args;
            this.files = files;
        }

        void line(String text) {
            out.append(text).append('\n');
        }

        void line(String format, Object... values) {
            out.append(String.format(Locale.ROOT, format, values)).append('\n');
        }

        Result execute() {
            line("STM32_Programmer_CLI " + String.join(" ", args.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList()));
            line("      -------------------------------------------------------------------");
            line("                        STM32CubeProgrammer v" + TOOL_VERSION);
            line("      -------------------------------------------------------------------");
            line("");
            List<Cmd> cmds = new ArrayList<>();
            String syntax = parse(cmds);
            if (syntax != null) {
                line("Error: " + syntax);
                return new Result(1, out.toString(), state, false, null);
            }
            chooseFault(cmds);
            if (cmds.isEmpty() || !cmds.get(0).name().equals("c")) {
                line("Error: no connection: -c port=swd or -c port=usb1 must come first");
                return new Result(1, out.toString(), state, false, null);
            }
            if (fault == Faults.Kind.DISCONNECT) {
                line("Error: No STM32 target found!");
                return new Result(1, out.toString(), state, false, null);
            }
            try {
                for (Cmd c : cmds) {
                    boolean hit = c == faultTarget;
                    if (hit && fault == Faults.Kind.HANG && !c.name().equals("fwupgrade")) {
                        hang(c);
                    }
                    switch (c.name()) {
                        case "c" -> connect(c, hit);
                        case "startfus" -> startFus(hit);
                        case "r32" -> read(c, hit);
                        case "fwupgrade" -> fwupgrade(c, hit);
                        case "fwdelete" -> fwdelete(hit);
                        case "startwirelessstack" -> startStack(hit);
                        case "antirollback" -> antiRollback(hit);
                        case "ob" -> optionBytes(c, hit);
                        default -> throw new IllegalStateException(c.name());
                    }
                }
            } catch (Failure f) {
                return new Result(1, out.toString(), s, false, null);
            } catch (Hang h) {
                return new Result(1, out.toString(), state, true, faults.hangFor());
            }
            return new Result(0, out.toString(), s, false, null);
        }

        /** Parses the arguments into commands; returns an error message or null. */
        String parse(List<Cmd> cmds) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String o = a.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
                if (!a.startsWith("-")) {
                    return "Unexpected argument: " + a;
                }
                List<String> p = new ArrayList<>();
                switch (o) {
                    case "c", "connect" -> {
                        while (i + 1 < args.size() && args.get(i + 1).contains("=") && !args.get(i + 1).startsWith("-")) {
                            p.add(args.get(++i));
                        }
                        cmds.add(new Cmd("c", p));
                    }
                    case "r32" -> {
                        while (i + 1 < args.size() && p.size() < 2 && !args.get(i + 1).startsWith("-")) {
                            p.add(args.get(++i));
                        }
                        if (p.isEmpty() || hex(p.get(0)) == null) {
                            return "Wrong syntax: -r32 <address> [size]";
                        }
                        cmds.add(new Cmd("r32", p));
                    }
                    case "fwupgrade" -> {
                        while (i + 1 < args.size() && p.size() < 3 && !args.get(i + 1).startsWith("-")) {
                            p.add(args.get(++i));
                        }
                        if (p.size() < 2 || hex(p.get(1)) == null) {
                            return "Wrong syntax: -fwupgrade <file> <address> [firstinstall=0|1]";
                        }
                        cmds.add(new Cmd("fwupgrade", p));
                    }
                    case "ob", "optionbytes" -> {
                        while (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                            p.add(args.get(++i));
                        }
                        cmds.add(new Cmd("ob", p));
                    }
                    case "startfus", "fwdelete", "startwirelessstack", "antirollback" -> cmds.add(new Cmd(o, p));
                    default -> {
                        return "Unknown or unsupported command: " + a;
                    }
                }
            }
            return null;
        }

        void chooseFault(List<Cmd> cmds) {
            List<Faults.Fault> list = faults.faults();
            for (int k = 0; k < list.size(); k++) {
                Faults.Fault f = list.get(k);
                if (fired.get(k)) {
                    continue;
                }
                boolean fw = cmds.stream().anyMatch(c -> c.name().equals("fwupgrade"));
                if (f.call() == calls || (f.call() == 0 && fw)) {
                    fired.set(k);
                    fault = f.kind();
                    random = faults.random(calls);
                    faultTarget = cmds.stream().filter(c -> c.name().equals("fwupgrade")).findFirst()
                            .orElse(cmds.stream().filter(c -> !c.name().equals("c")).findFirst()
                                    .orElse(cmds.isEmpty() ? null : cmds.get(0)));
                    return;
                }
            }
        }

        // ---- commands ---------------------------------------------------------------------------------------

        void connect(Cmd c, boolean hit) {
            String port = null;
            String mode = null;
            for (String a : c.args()) {
                String l = a.toLowerCase(Locale.ROOT);
                if (l.startsWith("port=")) {
                    port = l.substring(5);
                } else if (l.startsWith("mode=")) {
                    mode = l.substring(5);
                }
            }
            if (port == null || !(port.equals("swd") || port.matches("usb\\d+"))) {
                line("Error: No STM32 target found!");
                throw new Failure();
            }
            usb = port.startsWith("usb");
            String flash = s.flashSize() % (1024 * 1024) == 0 ? (s.flashSize() / (1024 * 1024)) + " MBytes"
                    : (s.flashSize() / 1024) + " KBytes";
            if (usb) {
                line("USB speed   : Full Speed (12MBit/s)");
                line("Manuf. ID   : STMicroelectronics");
                line("Product ID  : DFU in FS Mode");
                line("SN          : 2079386A5453");
                line("DFU protocol: 1.1");
                line("Board       : --");
                line("Device ID   : 0x0" + s.deviceId().substring(2));
                line("Device name : " + s.deviceName());
                line("Flash size  : " + flash + " (default)");
                line("Device type : MCU");
                line("Device CPU  : Cortex-M4");
            } else {
                line("ST-LINK SN  : 066DFF555185754867073037");
                line("ST-LINK FW  : V2J40M27");
                line("Board       : NUCLEO-WB55RG");
                line("Voltage     : 3.26V");
                line("SWD freq    : 4000 KHz");
                line("Connect mode: " + ("ur".equals(mode) ? "Under Reset" : "hotplug".equals(mode) ? "Hot Plug" : "Normal"));
                line("Reset mode  : Hardware reset");
                line("Device ID   : " + s.deviceId());
                line("Revision ID : Rev Y");
                line("Device name : " + s.deviceName());
                line("Flash size  : " + flash);
                line("Device type : MCU");
                line("Device CPU  : Cortex-M4");
                line("BL Version  : 0xD5");
            }
            line("");
            if (hit) {
                commonFault(null);
            }
        }

        void startFus(boolean hit) {
            if (hit) {
                commonFault(null);
            }
            if (s.fusRunning()) {
                line("FUS state is FUS_IDLE");
                line("FUS is already running");
            } else {
                s = s.toBuilder().fusRunning(true).stackRunning(false).build();
                line("FUS state is FUS_IDLE");
                line("StartFus activated successfully");
            }
        }

        void read(Cmd c, boolean hit) {
            if (hit) {
                commonFault(null);
            }
            long address = hex(c.args().get(0));
            long bytes = c.args().size() > 1 ? Math.max(1, parseCount(c.args().get(1))) : 4;
            int words = (int) Math.min(64, Math.max(1, (bytes + 3) / 4));
            line("");
            line("Reading 32-bit memory content");
            line("  Size          : %d Bytes", words * 4);
            line("  Address:      : 0x%08X", address);
            line("");
            // four words a line, as the real tool prints them
            for (int first = 0; first < words; first += 4) {
                StringBuilder data = new StringBuilder(String.format(Locale.ROOT, "0x%08X : ", address + 4L * first));
                for (int w = first; w < Math.min(words, first + 4); w++) {
                    data.append(w == first ? "" : " ").append(String.format(Locale.ROOT, "%08X",
                            deviceInfoWord(s, address + 4L * w)));
                }
                line(data.toString());
            }
            line("");
        }

        /** Over USB the bootloader starts FUS; over SWD FUS commands fail unless it runs. */
        void requireFus() {
            if (s.fusRunning()) {
                return;
            }
            if (usb) {
                s = s.toBuilder().fusRunning(true).stackRunning(false).build();
                return;
            }
            line("FUS state is FUS_ERROR");
            line("FUS status is FUS_NOT_RUNNING");
            line("Error: Could not start service since FUS is not in IDLE state");
            throw new Failure();
        }

        void fwupgrade(Cmd c, boolean hit) {
            String file = c.args().get(0);
            long address = hex(c.args().get(1));
            int firstInstall = 0;
            if (c.args().size() > 2) {
                String fi = c.args().get(2).toLowerCase(Locale.ROOT);
                firstInstall = fi.equals("firstinstall=1") ? 1 : 0;
            }
            byte[] image = files.get(file);
            if (image == null) {
                line("Error: File does not exist: " + file);
                throw new Failure();
            }
            requireFus();
            line("FUS state is FUS_IDLE");
            line("FUS status is FUS_NO_ERROR");
            if (firstInstall == 0) {
                line("Old wireless stack delete ...");
                if (s.hasStack()) {
                    s = withoutStack(s);
                } else {
                    line("Warning: FUS_STATE_IMG_NOT_FOUND, Flash already empty !");
                }
                line("Firmware delete Success");
            }
            String name = baseName(file);
            long size = image.length;
            long top = s.sfsaAddress();
            int page = s.pageSize();
            line("Download Stack/FUS image at address 0x%08X ...", address);
            line("");
            line("Memory Programming ...");
            line("Opening and parsing file: " + name);
            line("  File          : " + name);
            line("  Size          : %.2f KB", size / 1024.0);
            line("  Address       : 0x%08X", address);
            line("");
            long flashEnd = DeviceState.FLASH_BASE + s.flashSize();
            if (address % page != 0 || address < DeviceState.FLASH_BASE || address + size > flashEnd) {
                line("Error: Wrong address 0x%08X: not a page-aligned address of the %s user flash", address,
                        s.deviceName());
                throw new Failure();
            }
            if (address + size > top) {
                line("Error: Wrong address 0x%08X: the image (%d bytes) would be written into the secure flash area"
                        + " that starts at 0x%08X (SFSA 0x%02X)", address, size, top, s.sfsaPage());
                throw new Failure();
            }
            long span = roundUp(size, page);
            line("Erasing memory corresponding to segment 0:");
            line("Erasing internal memory sectors [%d %d]", s.pageOf(address), s.pageOf(address + span - 1));
            line("Download in Progress:");
            line("");
            line("File download complete");
            line("Time elapsed during download operation: 00:00:00.%03d", (int) Math.min(999, size / 1024));
            line("");
            line("Firmware Upgrade process started ...");
            if (hit && fault == Faults.Kind.HANG) {
                throw new Hang();
            }

            FooterReading reading = FooterReader.read(image);
            ImageFooter footer = reading.valid() ? reading.footer() : null;
            ImageType type = footer == null ? null : footer.type();
            boolean isFus = type == ImageType.FUS;
            boolean isStack = type == ImageType.STACK && !footer.legacySafeboot() || type == ImageType.STACK_FUS_V2;

            if (hit && fault == Faults.Kind.WRITE_ERROR) {
                if (isStack) {
                    s = withoutStack(s);
                }
                line("Reconnecting...");
                line("FUS state is FUS_ERROR");
                line("FUS status is FUS_IMAGE_WRTERROR");
                line("Error: Firmware Upgrade failed: FUS_IMAGE_WRTERROR");
                throw new Failure();
            }

            String refusal = null;
            if (!isFus && !isStack) {
                refusal = "FUS_IMAGE_NOT_AUTHENTIC";
            } else if (type == ImageType.STACK_FUS_V2 && s.fus().compareTo(FUS_V2) < 0) {
                refusal = "FUS_IMAGE_NOT_AUTHENTIC";
            } else {
                long reserve = type == ImageType.STACK_FUS_V2 ? V2_RESERVE : 0;
                long gap = top - (address + span + reserve);
                if (gap < 0) {
                    refusal = "FUS_STATE_NO_ENOUGH_SPACE";
                } else if (gap > (long) tolerancePages * page) {
                    refusal = "FUS_STATE_IMG_NOT_FOUND";
                } else if (isFus) {
                    refusal = fusRefusal(footer, name);
                } else if (s.antiRollback() && (footer.version() == null
                        || footer.version().compareTo(s.antiRollbackFloor()) < 0)) {
                    refusal = "FUS_FW_ROLLBACK_ERROR";
                }
            }

            if (hit && fault == Faults.Kind.POWER_LOSS) {
                line("Reconnecting...");
                line(isFus ? "FUS state is FUS_FUS_UPGRD_ONGOING" : "FUS state is FUS_FW_UPGRD_ONGOING");
                DeviceState.Builder b = s.toBuilder();
                if (isFus && refusal == null && random.nextBoolean()) {
                    b.fus(fusVersionOf(footer));
                }
                if (isStack) {
                    b.stack(null);
                }
                s = powerCycled(b.build());
                lostConnection();
            }

            line("Reconnecting...");
            if (refusal != null) {
                line("FUS state is FUS_IDLE");
                if (refusal.equals("FUS_IMAGE_NOT_AUTHENTIC")) {
                    line("FUS status is FUS_IMAGE_NOT_AUTHENTIC");
                    line("Error: Firmware not authentic!");
                } else {
                    line("FUS status is " + refusal);
                    line("Error: Firmware Upgrade failed: " + refusal);
                }
                throw new Failure();
            }
            if (isFus) {
                line("FUS state is FUS_FUS_UPGRD_ONGOING");
                s = s.toBuilder().fus(fusVersionOf(footer)).fusRunning(true).stackRunning(false).build();
            } else {
                line("FUS state is FUS_FW_UPGRD_ONGOING");
                DeviceState.InstalledStack st = new DeviceState.InstalledStack(stackName(name), footer.version(),
                        address, size, type == ImageType.STACK_FUS_V2);
                s = s.toBuilder().stack(st).fusRunning(true).stackRunning(false).build();
            }
            line("FUS state is FUS_IDLE");
            line("FUS status is FUS_NO_ERROR");
            line("Firmware Upgrade Success");
        }

        /** Null when the running FUS takes this FUS image, else the status it reports. */
        String fusRefusal(ImageFooter footer, String name) {
            FirmwareVersion running = s.fus();
            FirmwareVersion v = fusVersionOf(footer);
            boolean for053 = name.toLowerCase(Locale.ROOT).contains("for_fus_0_5_3");
            if (running.sameRelease(DeviceState.FACTORY_FUS)) {
                return for053 && v.sameRelease(UNSET_FUS_IS) ? null : "FUS_IMAGE_NOT_AUTHENTIC";
            }
            if (for053) {
                return "FUS_IMAGE_NOT_AUTHENTIC";
            }
            return v.compareTo(running) > 0 ? null : "FUS_IMAGE_NOT_AUTHENTIC";
        }

        void fwdelete(boolean hit) {
            if (hit && fault == Faults.Kind.HANG) {
                hang(null);
            }
            requireFus();
            line("Deleting firmware ...");
            if (hit && fault == Faults.Kind.POWER_LOSS) {
                line("FUS state is FUS_SERVICE_ONGOING");
                s = powerCycled(random.nextBoolean() ? withoutStack(s) : s);
                lostConnection();
            }
            if (hit && fault == Faults.Kind.WRITE_ERROR) {
                writeError();
            }
            if (!s.hasStack()) {
                line("Warning: FUS_STATE_IMG_NOT_FOUND, Flash already empty !");
            } else {
                line("FUS state is FUS_SERVICE_ONGOING");
                s = withoutStack(s);
            }
            line("FUS state is FUS_IDLE");
            line("FUS status is FUS_NO_ERROR");
            line("Firmware delete Success");
        }

        void startStack(boolean hit) {
            if (hit) {
                commonFault(null);
            }
            if (s.stackRunning()) {
                line("Wireless stack already started");
                return;
            }
            requireFus();
            line("Starting wireless stack ...");
            if (!s.hasStack()) {
                line("FUS state is FUS_IDLE");
                line("FUS status is FUS_STATE_IMG_NOT_FOUND");
                line("Error: Could not start the wireless stack: FUS_STATE_IMG_NOT_FOUND");
                throw new Failure();
            }
            s = s.toBuilder().fusRunning(false).stackRunning(true).build();
            line("Wireless stack started successfully");
        }

        void antiRollback(boolean hit) {
            if (hit && fault == Faults.Kind.HANG) {
                hang(null);
            }
            requireFus();
            line("Activating anti-rollback ...");
            if (hit && fault == Faults.Kind.POWER_LOSS) {
                line("FUS state is FUS_SERVICE_ONGOING");
                s = powerCycled(random.nextBoolean() && s.hasStack()
                        ? s.toBuilder().antiRollbackFloor(s.stack().version()).build() : s);
                lostConnection();
            }
            if (hit && fault == Faults.Kind.WRITE_ERROR) {
                writeError();
            }
            if (!s.hasStack() || s.stack().version() == null) {
                line("FUS state is FUS_IDLE");
                line("FUS status is FUS_STATE_IMG_NOT_FOUND");
                line("Error: Anti-rollback activation failed: FUS_STATE_IMG_NOT_FOUND");
                throw new Failure();
            }
            FirmwareVersion floor = s.antiRollback() && s.antiRollbackFloor().compareTo(s.stack().version()) > 0
                    ? s.antiRollbackFloor() : s.stack().version();
            s = s.toBuilder().antiRollbackFloor(floor).build();
            line("FUS state is FUS_IDLE");
            line("FUS status is FUS_NO_ERROR");
            line("Anti-rollback activated successfully");
        }

        void optionBytes(Cmd c, boolean hit) {
            if (hit) {
                commonFault(null);
            }
            line("");
            line("UPLOADING OPTION BYTES DATA ...");
            line("");
            line("  Bank          : 0x00");
            line("  Address       : 0x58004020");
            line("  Size          : 128 Bytes");
            line("");
            DeviceState.Builder b = s.toBuilder();
            for (String a : c.args()) {
                if (a.equalsIgnoreCase("displ")) {
                    continue;
                }
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    line("Error: Wrong option byte syntax: " + a);
                    throw new Failure();
                }
                b.optionByte(a.substring(0, eq), a.substring(eq + 1));
            }
            s = b.build();
            if (c.args().stream().allMatch(a -> a.equalsIgnoreCase("displ"))) {
                displayOptionBytes();
                return;
            }
            line("PROGRAMMING OPTION BYTES AREA ...");
            line("");
            line("Option Bytes successfully programmed");
            if (c.args().stream().anyMatch(a -> a.equalsIgnoreCase("displ"))) {
                displayOptionBytes();
            }
        }

        void displayOptionBytes() {
            line("OPTION BYTES BANK: 0");
            line("");
            line("   Read Out Protection:");
            line("");
            line("     RDP          : 0xAA (Level 0, no protection)");
            line("");
            line("   Security Configuration Option bytes - 1:");
            line("");
            line("     SFSA         : 0x%X (Secure Flash Start Address: 0x%08X)", s.sfsaPage(), s.sfsaAddress());
            line("     FSD          : 0x0 (System and Flash secure)");
            line("     DDS          : 0x1 (CPU2 debug access disabled)");
            line("");
            if (!s.optionBytes().isEmpty()) {
                line("   User Configuration:");
                line("");
                s.optionBytes().forEach((name, value) -> {
                    Long v = hex(value);
                    line("     %-12s : 0x%X", name, v != null ? v : parseCount(value));
                });
                line("");
            }
        }

        // ---- faults -------------------------------------------------------------------------------------------

        /** HANG, POWER_LOSS and WRITE_ERROR on a command that writes nothing. */
        void commonFault(Cmd c) {
            switch (fault) {
                case HANG -> hang(c);
                case POWER_LOSS -> {
                    s = powerCycled(s);
                    lostConnection();
                }
                case WRITE_ERROR -> writeError();
                default -> {
                }
            }
        }

        void hang(Cmd c) {
            throw new Hang();
        }

        void writeError() {
            line("FUS state is FUS_ERROR");
            line("FUS status is FUS_IMAGE_WRTERROR");
            line("Error: Operation failed: FUS_IMAGE_WRTERROR");
            throw new Failure();
        }

        void lostConnection() {
            line("Error: Connection to device %s is lost", s.deviceId());
            throw new Failure();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * A word of the {@link DeviceInfoTable}, in the layout of what CPU2 runs. Memory sizes, info words and anything
     * else read 0 here (simplification).
     */
    static long deviceInfoWord(DeviceState s, long address) {
        long stackWord = s.hasStack() ? s.stack().version().word() : 0;
        long offset = address - DeviceInfoTable.ADDRESS;
        if (s.fusRunning()) {
            return offset == 0 ? DeviceInfoTable.FUS_STATE_WORD
                    : offset == DeviceInfoTable.FUS_LAYOUT_SAFEBOOT ? SAFEBOOT_WORD
                    : offset == DeviceInfoTable.FUS_LAYOUT_FUS ? s.fusWord()
                    : offset == DeviceInfoTable.FUS_LAYOUT_STACK ? stackWord : 0;
        }
        if (s.stackRunning()) {
            return offset == DeviceInfoTable.STACK_LAYOUT_SAFEBOOT ? SAFEBOOT_WORD
                    : offset == DeviceInfoTable.STACK_LAYOUT_FUS ? s.fusWord()
                    : offset == DeviceInfoTable.STACK_LAYOUT_STACK ? stackWord : 0;
        }
        return 0;
    }

    /** After power comes back CPU2 boots the stack when one is installed, else FUS. */
    static DeviceState powerCycled(DeviceState s) {
        return s.toBuilder().fusRunning(!s.hasStack()).stackRunning(s.hasStack()).build();
    }

    static DeviceState withoutStack(DeviceState s) {
        return s.toBuilder().stack(null).stackRunning(false).fusRunning(true).build();
    }

    static FirmwareVersion fusVersionOf(ImageFooter footer) {
        return footer.version() == null ? UNSET_FUS_IS : footer.version();
    }

    static long roundUp(long size, int page) {
        return (size + page - 1) / page * page;
    }

    static String baseName(String file) {
        String f = file.replace('\\', '/');
        return f.substring(f.lastIndexOf('/') + 1);
    }

    /** "stm32wb5x_BLE_Stack_full_fw.bin" -> "BLE_Stack_full". */
    static String stackName(String fileName) {
        String n = fileName.replaceFirst("(?i)\\.bin$", "").replaceFirst("(?i)^stm32wb[0-9a-z]*_", "")
                .replaceFirst("(?i)_fw$", "");
        return n.isEmpty() ? fileName : n;
    }

    static Long hex(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("0x") || t.length() < 3 || t.length() > 18) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(t.substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long parseCount(String s) {
        Long h = hex(s);
        if (h != null) {
            return h;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 4;
        }
    }
}
