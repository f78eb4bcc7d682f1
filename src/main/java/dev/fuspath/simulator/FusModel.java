package dev.fuspath.simulator;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterReader;
import dev.fuspath.image.FooterReading;
import dev.fuspath.image.ImageFooter;
import dev.fuspath.image.ImageType;
import dev.fuspath.programmer.DeviceInfoTable;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.ProgrammerCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The FUS model: a device state and one invocation's commands give a new state and the {@link FusEvent}s of what
 * happened. Pure: no text, no I/O, no clock; a fault to inject and its random choices come in as an {@link Injection}.
 *
 * <p>Rules (AN5185 and the coprocessor release notes where they say something; simulator choices otherwise):
 * <ul>
 * <li>FUS commands (-fwupgrade, -fwdelete, -startwirelessstack, -antirollback) need FUS running. Over USB the tool
 *     starts it when CPU2 runs the stack (gh-mbed-os: a -fwdelete that opens with FUS_ERROR / FUS_NOT_RUNNING, then
 *     FUS_IDLE); over SWD they fail with FUS_NOT_RUNNING / "FUS is not in IDLE state" until -startfus (the real tool
 *     of 2.6 and later starts FUS itself over SWD by loading its FUS operator, st-152330: simplification).
 *     {@code mode=UR} does not change what CPU2 runs (simplification).</li>
 * <li>-r32 ADDRESS SIZE reads SIZE bytes rounded up to whole words (the real tool's reading of the size,
 *     {@link ProgrammerCommand.Read32}), at most {@link #MAX_WORDS}; it reads the device information table at
 *     0x20030024 in its FUS layout while FUS runs (FUS version at
 *     0x20030030) and in its wireless layout while the stack runs (see {@link #deviceInfoWord}); other addresses read
 *     0. The connection mode does not change what is read (simplification).</li>
 * <li>-fwupgrade with firstinstall=0 (the CLI default) first deletes the installed stack, for any image, as the
 *     CLI's "Old wireless stack delete" step does. Then the image is written at ADDR: it must be page aligned, in
 *     flash, and its bytes must end at or below the secure area start (SFSA), else the tool cannot erase there.</li>
 * <li>The FUS then looks for the image where it expects it: right below the SFSA, i.e. ADDR + size rounded up to
 *     pages (+16 KiB for FUS-v2-only stacks) == SFSA. Up to {@code tolerancePages} pages lower is still found;
 *     lower still gives FUS_STATE_IMG_NOT_FOUND. A v2-only image whose 16 KiB reserve would reach into the SFSA
 *     gives FUS_NO_ENOUGH_SPACE.</li>
 * <li>Image type: FUS magic 0x32279221, stack 0x23372991, FUS-v2-only stack 0xB10C8B99; anything else, or a footer
 *     FooterReader does not accept, is "not authentic". FUS &lt; 2.0.0 refuses v2-only stacks as not authentic.</li>
 * <li>FUS images: version word 0xFFFFFFFF means 1.2.0. FUS 0.5.3 takes only an image named *for_fus_0_5_3* of
 *     version 1.2.0; such an image is refused by any other FUS. Otherwise an image installs only when its version is
 *     higher than the running FUS; lower or equal is refused as not authentic (FUS never goes down). A FUS upgrade
 *     resets the part; FUS runs afterwards and the stack (if any is left) stays.</li>
 * <li>Stacks: install sets the stack at ADDR and moves SFSA down to ADDR; then the stack runs, not FUS (the real tool
 *     ends an install with FUS_ERROR / FUS_NOT_RUNNING and "Firmware Upgrade Success", gh-mbed-os). -fwdelete
 *     removes it and moves SFSA back up to the FUS area; FUS runs. -antirollback (needs a stack) records the
 *     installed version: from then on stacks older than it fail with FUS_FW_ROLLBACK_ERROR.</li>
 * <li>The size of the FUS area is a constant (48 KiB by default), not changed by FUS upgrades (simplification).</li>
 * </ul>
 */
public final class FusModel {

    /** Where FUS keeps its version word; the reserve and the FUS a FUS_v2-only image needs: rules.FusFacts. */
    public static final long FUS_INFO_ADDRESS = dev.fuspath.rules.FusFacts.bundled().fusInfoAddress();
    static final long SAFEBOOT_WORD = 0x01010000L;
    static final long V2_RESERVE = dev.fuspath.rules.FusFacts.bundled().fusV2OnlyReserve();
    static final FirmwareVersion FUS_V2 = dev.fuspath.rules.FusFacts.bundled().fusV2OnlyImagesNeed();
    static final FirmwareVersion UNSET_FUS_IS = FirmwareVersion.of(1, 2, 0);
    /** Words a -r32 prints at most. */
    static final int MAX_WORDS = 64;

    /** How an invocation ended. */
    public enum End { DONE, FAILED, HUNG }

    /**
     * An invocation's argument list as the one argument grammar reads it ({@link ProgrammerCommand#parse}: the
     * planner's, the executor's and the parser's): its commands, or the grammar's message when it does not read
     * (then the simulated tool prints it and does nothing).
     */
    public record Arguments(List<ProgrammerCommand> commands, String error) {
        public Arguments {
            commands = List.copyOf(commands);
        }

        public static Arguments of(List<String> args) {
            try {
                return new Arguments(ProgrammerCommand.parse(args), null);
            } catch (IllegalArgumentException e) {
                return new Arguments(List.of(), e.getMessage());
            }
        }

        public boolean ok() {
            return error == null;
        }

        public boolean holds(Class<? extends ProgrammerCommand> type) {
            return commands.stream().anyMatch(type::isInstance);
        }

        /** The image files the -fwupgrade commands name. */
        public List<String> imageFiles() {
            return commands.stream().filter(c -> c instanceof ProgrammerCommand.FwUpgrade)
                    .map(c -> ((ProgrammerCommand.FwUpgrade) c).file()).toList();
        }
    }

    /**
     * A fault to inject into this invocation.
     *
     * @param kind    what goes wrong
     * @param command index in the command list of the command it hits
     * @param random  the source of its random choices (power loss: old or new FUS, stack deleted or not)
     */
    public record Injection(Faults.Kind kind, int command, Random random) {
    }

    /**
     * @param events what happened, in order
     * @param state  the device after the invocation (unchanged when it hung: the caller cannot know what it did)
     * @param end    how it ended
     */
    public record Outcome(List<FusEvent> events, DeviceState state, End end) {
        public Outcome {
            events = List.copyOf(events);
        }
    }

    private FusModel() {
    }

    /**
     * Runs one invocation.
     *
     * @param files          file names used in the arguments to their bytes (a name not there is a missing file)
     * @param fault          the fault to inject, or null
     * @param tolerancePages how many pages below its expected place FUS still finds an image
     */
    public static Outcome run(DeviceState state, Arguments args, Map<String, byte[]> files,
                              Injection fault, int tolerancePages) {
        return new Run(state, files, fault, tolerancePages).execute(args);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final class Stop extends RuntimeException {
        final End end;

        Stop(End end) {
            super(null, null, false, false);
            this.end = end;
        }
    }

    private static final class Run {
        final DeviceState initial;
        final Map<String, byte[]> files;
        final Injection fault;
        final int tolerancePages;
        final List<FusEvent> events = new ArrayList<>();
        DeviceState s;
        boolean usb;

        Run(DeviceState state, Map<String, byte[]> files, Injection fault, int tolerancePages) {
            this.initial = state;
            this.s = state;
            this.files = files;
            this.fault = fault;
            this.tolerancePages = tolerancePages;
        }

        void emit(FusEvent e) {
            events.add(e);
        }

        Outcome execute(Arguments args) {
            if (!args.ok()) {
                emit(new FusEvent.BadArguments(args.error()));
                return new Outcome(events, initial, End.FAILED);
            }
            List<ProgrammerCommand> cmds = args.commands();
            if (cmds.isEmpty() || !(cmds.get(0) instanceof ProgrammerCommand.Connect)) {
                emit(new FusEvent.NoConnection());
                return new Outcome(events, initial, End.FAILED);
            }
            if (fault != null && fault.kind() == Faults.Kind.DISCONNECT) {
                emit(new FusEvent.NoTarget());
                return new Outcome(events, initial, End.FAILED);
            }
            try {
                for (int i = 0; i < cmds.size(); i++) {
                    ProgrammerCommand c = cmds.get(i);
                    Faults.Kind hit = fault != null && fault.command() == i ? fault.kind() : null;
                    if (hit == Faults.Kind.HANG && !(c instanceof ProgrammerCommand.FwUpgrade)) {
                        throw new Stop(End.HUNG);
                    }
                    if (c instanceof ProgrammerCommand.Connect connect) {
                        connect(connect, hit);
                    } else if (c instanceof ProgrammerCommand.StartFus) {
                        startFus(hit);
                    } else if (c instanceof ProgrammerCommand.Read32 read) {
                        read(read, hit);
                    } else if (c instanceof ProgrammerCommand.FwUpgrade upgrade) {
                        fwupgrade(upgrade, hit);
                    } else if (c instanceof ProgrammerCommand.FwDelete) {
                        fwdelete(hit);
                    } else if (c instanceof ProgrammerCommand.StartWirelessStack) {
                        startStack(hit);
                    } else if (c instanceof ProgrammerCommand.AntiRollback) {
                        antiRollback(hit);
                    } else if (c instanceof ProgrammerCommand.OptionBytes ob) {
                        optionBytes(ob, hit);
                    } else if (c instanceof ProgrammerCommand.ListProbes) {
                        // the probe list is answered by SimulatedRack, before a device is chosen
                        commonFault(hit);
                    }
                }
            } catch (Stop stop) {
                return new Outcome(events, stop.end == End.HUNG ? initial : s, stop.end);
            }
            return new Outcome(events, s, End.DONE);
        }

        // ---- commands ---------------------------------------------------------------------------------------

        void connect(ProgrammerCommand.Connect c, Faults.Kind hit) {
            usb = c.interfaceKind() == InterfaceKind.USB;
            emit(new FusEvent.Connected(usb, c.mode(), s.deviceId(), s.deviceName(), s.flashSize()));
            commonFault(hit);
        }

        void startFus(Faults.Kind hit) {
            commonFault(hit);
            boolean already = s.fusRunning();
            s = s.toBuilder().fusRunning(true).build();
            emit(new FusEvent.FusStarted(already));
        }

        void read(ProgrammerCommand.Read32 c, Faults.Kind hit) {
            commonFault(hit);
            long address = c.addressValue();
            int words = Math.min(MAX_WORDS, c.words());
            List<Long> values = new ArrayList<>(words);
            for (int w = 0; w < words; w++) {
                values.add(deviceInfoWord(s, address + 4L * w));
            }
            emit(new FusEvent.Read(address, values));
        }

        /** Over USB the tool starts FUS; over SWD FUS commands fail unless it runs. */
        void requireFus() {
            if (s.fusRunning()) {
                emit(new FusEvent.FusIdle());
                return;
            }
            if (usb) {
                s = s.toBuilder().fusRunning(true).build();
                emit(new FusEvent.FusStartedByTool());
                return;
            }
            emit(new FusEvent.FusNotRunning());
            throw new Stop(End.FAILED);
        }

        void fwupgrade(ProgrammerCommand.FwUpgrade c, Faults.Kind hit) {
            String file = c.file();
            long address = c.addressValue();
            byte[] image = files.get(file);
            if (image == null) {
                emit(new FusEvent.FileMissing(file));
                throw new Stop(End.FAILED);
            }
            requireFus();
            if (!Boolean.TRUE.equals(c.firstInstall())) {
                boolean had = s.hasStack();
                s = withoutStack(s);
                emit(new FusEvent.OldStackDeleted(had));
            }
            String name = baseName(file);
            long size = image.length;
            int page = s.pageSize();
            emit(new FusEvent.DownloadStarted(name, size, address));
            long flashEnd = DeviceState.FLASH_BASE + s.flashSize();
            if (address % page != 0 || address < DeviceState.FLASH_BASE || address + size > flashEnd
                    || address + size > s.sfsaAddress()) {
                emit(new FusEvent.OutsideMemory());
                throw new Stop(End.FAILED);
            }
            long span = roundUp(size, page);
            emit(new FusEvent.DownloadDone(size, s.pageOf(address), s.pageOf(address + span - 1)));
            if (hit == Faults.Kind.HANG) {
                throw new Stop(End.HUNG);
            }

            FooterReading reading = FooterReader.read(image);
            ImageFooter footer = reading.valid() ? reading.footer() : null;
            ImageType type = footer == null ? null : footer.type();
            boolean isFus = type == ImageType.FUS;
            boolean isStack = type == ImageType.STACK && !footer.legacySafeboot() || type == ImageType.STACK_FUS_V2;

            if (hit == Faults.Kind.WRITE_ERROR) {
                if (isStack) {
                    s = withoutStack(s);
                }
                emit(new FusEvent.UpgradeOngoing(isFus));
                emit(new FusEvent.WriteError(true));
                throw new Stop(End.FAILED);
            }

            String refusal = refusal(footer, type, isFus, isStack, name, address, size, page);
            if (hit == Faults.Kind.POWER_LOSS) {
                // the output stops while FUS installs, as st-ElepU's stops in a delete when USB went away
                DeviceState.Builder b = s.toBuilder();
                if (isFus && refusal == null && fault.random().nextBoolean()) {
                    b.fus(fusVersionOf(footer));
                }
                if (isStack) {
                    b.stack(null);
                }
                s = powerCycled(b.build());
                lostConnection();
            }
            emit(new FusEvent.UpgradeOngoing(isFus));
            if (refusal != null) {
                emit(new FusEvent.UpgradeRefused(isFus, refusal));
                throw new Stop(End.FAILED);
            }
            if (isFus) {
                s = s.toBuilder().fus(fusVersionOf(footer)).fusRunning(true).build();
            } else {
                DeviceState.InstalledStack st = new DeviceState.InstalledStack(stackName(name), footer.version(),
                        address, size, type == ImageType.STACK_FUS_V2);
                s = s.toBuilder().stack(st).stackRunning(true).build();
            }
            emit(new FusEvent.UpgradeDone(isFus));
        }

        /** Null when FUS installs the image, else the status it reports. */
        String refusal(ImageFooter footer, ImageType type, boolean isFus, boolean isStack, String name, long address,
                       long size, int page) {
            if (!isFus && !isStack) {
                return "FUS_IMAGE_NOT_AUTHENTIC";
            }
            if (type == ImageType.STACK_FUS_V2 && s.fus().compareTo(FUS_V2) < 0) {
                return "FUS_IMAGE_NOT_AUTHENTIC";
            }
            long reserve = type == ImageType.STACK_FUS_V2 ? V2_RESERVE : 0;
            long gap = s.sfsaAddress() - (address + roundUp(size, page) + reserve);
            if (gap < 0) {
                return "FUS_STATE_NO_ENOUGH_SPACE";
            }
            if (gap > (long) tolerancePages * page) {
                return "FUS_STATE_IMG_NOT_FOUND";
            }
            if (isFus) {
                return fusRefusal(footer, name);
            }
            if (s.antiRollback() && (footer.version() == null
                    || footer.version().compareTo(s.antiRollbackFloor()) < 0)) {
                return "FUS_FW_ROLLBACK_ERROR";
            }
            return null;
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

        void fwdelete(Faults.Kind hit) {
            requireFus();
            emit(new FusEvent.DeleteStarted());
            if (hit == Faults.Kind.POWER_LOSS) {
                s = powerCycled(fault.random().nextBoolean() ? withoutStack(s) : s);
                lostConnection();
            }
            if (hit == Faults.Kind.WRITE_ERROR) {
                writeError();
            }
            boolean had = s.hasStack();
            s = withoutStack(s);
            emit(new FusEvent.StackDeleted(had));
        }

        void startStack(Faults.Kind hit) {
            commonFault(hit);
            if (s.stackRunning()) {
                emit(new FusEvent.StackStarted(true));
                return;
            }
            requireFus();
            if (!s.hasStack()) {
                emit(new FusEvent.NoStackToStart());
                throw new Stop(End.FAILED);
            }
            s = s.toBuilder().stackRunning(true).build();
            emit(new FusEvent.StackStarted(false));
        }

        void antiRollback(Faults.Kind hit) {
            requireFus();
            if (hit == Faults.Kind.POWER_LOSS) {
                s = powerCycled(fault.random().nextBoolean() && s.hasStack()
                        ? s.toBuilder().antiRollbackFloor(s.stack().version()).build() : s);
                lostConnection();
            }
            if (hit == Faults.Kind.WRITE_ERROR) {
                writeError();
            }
            if (!s.hasStack() || s.stack().version() == null) {
                emit(new FusEvent.NoStackToProtect());
                throw new Stop(End.FAILED);
            }
            FirmwareVersion floor = s.antiRollback() && s.antiRollbackFloor().compareTo(s.stack().version()) > 0
                    ? s.antiRollbackFloor() : s.stack().version();
            s = s.toBuilder().antiRollbackFloor(floor).build();
            emit(new FusEvent.AntiRollbackActivated());
        }

        void optionBytes(ProgrammerCommand.OptionBytes c, Faults.Kind hit) {
            commonFault(hit);
            DeviceState.Builder b = s.toBuilder();
            c.values().forEach(b::optionByte);
            s = b.build();
            emit(new FusEvent.OptionBytesProgrammed(!c.isDisplay()));
            if (c.isDisplay()) {
                emit(new FusEvent.OptionBytesShown(s));
            }
        }

        // ---- faults -------------------------------------------------------------------------------------------

        /** HANG, POWER_LOSS and WRITE_ERROR on a command that writes nothing. */
        void commonFault(Faults.Kind hit) {
            if (hit == null) {
                return;
            }
            switch (hit) {
                case HANG -> throw new Stop(End.HUNG);
                case POWER_LOSS -> {
                    s = powerCycled(s);
                    lostConnection();
                }
                case WRITE_ERROR -> writeError();
                default -> {
                }
            }
        }

        void writeError() {
            emit(new FusEvent.WriteError(false));
            throw new Stop(End.FAILED);
        }

        void lostConnection() {
            emit(new FusEvent.ConnectionLost(s.deviceId()));
            throw new Stop(End.FAILED);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * A word of the {@link DeviceInfoTable}, in the layout of what CPU2 runs. Memory sizes, info words and anything
     * else read 0 here (simplification).
     */
    static long deviceInfoWord(DeviceState s, long address) {
        long stackWord = s.hasStack() && s.stack().version() != null ? s.stack().version().word() : 0;
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
}
