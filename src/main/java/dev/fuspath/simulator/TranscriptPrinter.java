package dev.fuspath.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The transcript printer: turns the {@link FusEvent}s of one invocation into what STM32_Programmer_CLI prints. The
 * only place in the simulator with output text. Every line is a {@link Shape}, and every shape names where it was
 * seen: a log of the corpus in src/test/resources/logs/real (its README lists the sources), chosen as close as the
 * corpus allows to the tool version the simulator claims ({@link SimulatedDevice#TOOL_VERSION}), or a public page,
 * or it is marked <em>assumed</em> with the reason (TranscriptShapesTest holds each corpus shape to its file).
 */
public final class TranscriptPrinter {

    /** Where a shape was seen. */
    public enum Seen { CORPUS, PUBLIC, ASSUMED }

    /**
     * A printed line: its {@link String#format} template and where it was seen. For {@link Seen#CORPUS} the source is
     * the log's file name in src/test/resources/logs/real; for {@link Seen#PUBLIC} a URL; for {@link Seen#ASSUMED}
     * why no public log shows it.
     */
    public enum Shape {
        COMMAND_LINE("STM32_Programmer_CLI %s", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"
                + " (the command line as the terminal shows it above the output; the tool itself does not print it)"),
        RULE("      -------------------------------------------------------------------", Seen.CORPUS,
                "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        TOOL_VERSION("                       STM32CubeProgrammer v%s", Seen.CORPUS,
                "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),

        // ST-LINK banner: the CLI of 2.12.0, the newest SWD banner of the corpus
        STLINK_SN("ST-LINK SN  : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        STLINK_FW("ST-LINK FW  : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        BOARD("Board       : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        VOLTAGE("Voltage     : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        SWD_FREQ("SWD freq    : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        CONNECT_MODE("Connect mode: %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (Normal),"
                + " st-304953-r32-0x20030030-swd-v2.2.1.log (Under Reset), st-177360 (Hot Plug)"),
        RESET_MODE("Reset mode  : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (Software reset),"
                + " st-304953-r32-0x20030030-swd-v2.2.1.log (Hardware reset, under reset)"),
        DEVICE_ID("Device ID   : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (0x495),"
                + " gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log (0x0495 over USB)"),
        REVISION_ID("Revision ID : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (Rev X),"
                + " gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log (-- over USB)"),
        DEVICE_NAME("Device name : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (STM32WB5x/35xx;"
                + " the STM32WB1x name is assumed: no WB1x banner is public)"),
        FLASH_SIZE("Flash size  : %s", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log (1 MBytes),"
                + " st-ElepU-fwdelete-never-ends-usb-v2.5.log (256 KBytes)"),
        DEVICE_TYPE("Device type : MCU", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        DEVICE_CPU("Device CPU  : Cortex-M4", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        BL_VERSION("BL Version  : 0xD5", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),
        LOW_POWER_DEBUG("Debug in Low Power mode enabled", Seen.CORPUS, "st-122333-otp-w32-fails-swd-v2.12.log"),

        // USB DFU banner: the newest CLI USB banner of the corpus
        USB_SPEED("USB speed   : Full Speed (12MBit/s)", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        MANUFACTURER("Manuf. ID   : STMicroelectronics", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        PRODUCT("Product ID  : DFU in FS Mode", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        USB_SN("SN          : %s", Seen.CORPUS, "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        DFU_PROTOCOL("DFU protocol: 1.1", Seen.CORPUS, "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),

        NO_TARGET("Error: No STM32 target found!", Seen.PUBLIC, "https://github.com/osresearch/airbreak/issues/59"
                + " (cited by ProgrammerOutputParser; no corpus log fails to connect this way)"),
        BAD_ARGUMENTS("Error: Wrong command line: %s", Seen.ASSUMED, "rules/programmer-output.json, bad-arguments:"
                + " no public log shows what the tool prints for a malformed command line; the message after the"
                + " colon is ProgrammerCommand's, the one argument grammar's"),
        NO_CONNECTION("Error: Wrong command line: a connection (-c port=swd or -c port=usb1) must come first",
                Seen.ASSUMED, "as BAD_ARGUMENTS"),

        // -r32: gh-mbed-os (2.3.0, USB), st-304953 (2.2.1, SWD), four words a line as st-177360 (2.5.0)
        READ_TITLE("Reading 32-bit memory content", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        READ_SIZE("  Size          : %d Bytes", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        READ_ADDRESS("  Address:      : 0x%08X", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        READ_DATA("0x%08X : %s", Seen.CORPUS, "st-177360-r32-device-info-table-swd-hotplug-v2.5.log"),

        // FUS states and statuses: the CLI polls FUS and prints both (gh-mbed-os, st-278243)
        FUS_STATE("FUS state is %s", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log (FUS_IDLE, FUS_ERROR,"
                + " FUS_UPGRADE_ONGOING, WIRELESS_STACK_UPGRADE_ONGOING)"),
        FUS_STATUS("FUS status is %s", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log (FUS_NO_ERROR,"
                + " FUS_NOT_RUNNING, FUS_IMAGE_NOT_FOUND, FUS_IMAGE_NOT_AUTHENTIC; FUS_NO_ENOUGH_SPACE,"
                + " FUS_FW_ROLLBACK_ERROR and FUS_IMAGE_WRTERROR are assumed values: no public log prints them)"),
        FUS_NOT_IDLE("Error: Could not start service since FUS is not in IDLE state", Seen.CORPUS,
                "insided-43503-fus-seems-deleted-usb.log"),

        // -startfus: the CLI's own output is not public (corpus README); the GUI's lines are
        START_FUS_DONE("StartFus activated successfully", Seen.CORPUS, "st-89405-wb15-startfus-gui-v2.9.log (a GUI"
                + " line; that the CLI prints it too is assumed)"),
        FUS_ALREADY_RUNNING("FUS is already running", Seen.ASSUMED, "-startfus CLI output is not public (corpus"
                + " README); the line ProgrammerOutputParser expects"),

        // the delete phase of -fwupgrade, and -fwdelete
        OLD_STACK_DELETE("Old wireless stack delete ...", Seen.CORPUS, "st-278243-fus-upgrade-usb-v2.4.log"),
        DELETING("Deleting firmware ...", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        DELETE_FINISHED("Firmware delete finished", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        FWDELETE_FINISHED("fwdelete command execution finished", Seen.CORPUS,
                "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        FLASH_ALREADY_EMPTY("Warning: FUS_STATE_IMG_NOT_FOUND, Flash already empty !", Seen.CORPUS,
                "st-135354-fus-upgrade-wb55ce-gui.log"),
        DELETE_SUCCESS("Firmware delete Success", Seen.CORPUS, "st-135354-fus-upgrade-wb55ce-gui.log"),

        // -fwupgrade: the newest CLI upgrade of the corpus (gh-jkorte), ended as gh-mbed-os shows
        FILE_MISSING("Error: File does not exist: %s", Seen.ASSUMED, "no public log names a missing image; fuspath"
                + " checks its files before it calls the tool"),
        DOWNLOAD_AT("Download firmware image at address 0x%X ...", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        MEMORY_PROGRAMMING("Memory Programming ...", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        OPENING("Opening and parsing file: %s", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        FILE("  File          : %s", Seen.CORPUS, "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        SIZE_KB("  Size          : %.2f KB", Seen.CORPUS, "st-674733-safeboot-err-unknown-gui-v2.16.log (the"
                + " decimal point of 2.16; gh-jkorte shows a decimal comma)"),
        ADDRESS("  Address       : 0x%08X", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        ERASING_SEGMENT("Erasing memory corresponding to segment 0:", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        ERASING_SECTORS("Erasing internal memory sectors [%d %d]", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        DOWNLOAD_IN_PROGRESS("Download in Progress:", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        PROGRESS_100("[==================================================] 100%%", Seen.CORPUS,
                "st-122333-otp-w32-fails-swd-v2.12.log"),
        DOWNLOAD_COMPLETE("File download complete", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        DOWNLOAD_TIME("Time elapsed during download operation: 00:00:%02d.%03d", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        UPGRADE_STARTED("Firmware Upgrade process started ...", Seen.CORPUS,
                "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        UPDATING("Updating firmware ...", Seen.CORPUS, "gh-jkorte-micropython-wb55cg-readme-decimal-comma-usb.log"),
        WAITING("Waiting for firmware upgrade end", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        UPGRADE_SUCCESS("Firmware Upgrade Success", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log (after a"
                + " stack install; after a FUS upgrade, preceded by FUS_IDLE / FUS_NO_ERROR, it is assumed: no public"
                + " log shows a FUS upgrade that succeeded)"),
        NOT_AUTHENTIC("Error: Firmware not authentic!", Seen.CORPUS, "gh-mbed-os-stm32wb-readme-usb-v2.3.log"),
        IMG_NOT_FOUND("Error: FUS_STATE_IMG_NOT_FOUND: Firmware/FUS upgrade requested but no image found",
                Seen.CORPUS, "st-721392-ble-lld-img-not-found-gui.log"),
        FUS_CODE_ERROR("Error: %s", Seen.CORPUS, "st-231259-old-fw-delete-err-unknown-gui.log (\"Error:"
                + " FUS_STATE_ERR_UNKNOWN\", the code alone; printed with FUS_STATE_NO_ENOUGH_SPACE,"
                + " FUS_FW_ROLLBACK_ERROR and FUS_IMAGE_WRTERROR it is assumed)"),
        EXCEEDS_MEMORY("Operation exceeds memory limits", Seen.CORPUS, "gh-cubewb-41-markdown-quoted-gui.log"),
        ERASE_FAILED("failed to erase memory", Seen.CORPUS, "gh-cubewb-41-markdown-quoted-gui.log"),
        DOWNLOAD_FAILED("Error: Failed to download image!", Seen.CORPUS, "gh-cubewb-41-markdown-quoted-gui.log"),

        // a lost connection
        CONNECTION_LOST("Connection to device %s is lost", Seen.CORPUS,
                "st-90380-wrterror-usb-fwdelete-then-reconnect-gui.log (the GUI's line when the part resets; that"
                + " the CLI prints it when power goes, after the operation's last progress line as in st-ElepU's"
                + " never-ending delete, is assumed)"),
        DISCONNECTED("Disconnected from device.", Seen.CORPUS,
                "st-90380-wrterror-usb-fwdelete-then-reconnect-gui.log"),

        // -startwirelessstack: no public CLI output (corpus README)
        STARTING_STACK("Starting wireless stack ...", Seen.ASSUMED, "-startwirelessstack CLI output is not public"
                + " (corpus README)"),
        STACK_STARTED("Wireless stack started successfully", Seen.ASSUMED, "as STARTING_STACK"),
        STACK_ALREADY_STARTED("Wireless stack already started", Seen.ASSUMED, "as STARTING_STACK"),
        START_STACK_FAILED("Error: Start Wireless Stack Operation Failure! Please, try again.", Seen.ASSUMED,
                "only named in prose (rules/fus-codes.json); worded as the GUI's \"Error: Start FUS Operation"
                + " Failure! Please, try again.\" of st-228021"),

        // -antirollback: no public output at all
        ACTIVATING_ANTI_ROLLBACK("Activating anti-rollback ...", Seen.ASSUMED, "no public log of -antirollback"),
        ANTI_ROLLBACK_DONE("Anti-rollback activated successfully", Seen.ASSUMED, "as ACTIVATING_ANTI_ROLLBACK"),
        ANTI_ROLLBACK_FAILED("Error: Anti-rollback activation failed: FUS_STATE_IMG_NOT_FOUND", Seen.ASSUMED,
                "as ACTIVATING_ANTI_ROLLBACK"),

        // -ob: st-285479 (2.4.0, SWD)
        UPLOADING_OB("UPLOADING OPTION BYTES DATA ...", Seen.CORPUS,
                "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        PROGRAMMING_OB("PROGRAMMING OPTION BYTES AREA ...", Seen.CORPUS,
                "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        OB_BANK("  Bank          : 0x00", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        OB_ADDRESS("  Address       : 0x58004020", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        OB_SIZE("  Size          : 104 Bytes", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        RECONNECTING("Reconnecting...", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        RECONNECTED("Reconnected !", Seen.CORPUS, "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        OB_VERIFICATION("OPTION BYTE PROGRAMMING VERIFICATION:", Seen.CORPUS,
                "st-285479-ob-sfsa-verification-error-swd-v2.4.log"),
        OB_PROGRAMMED("Option Bytes successfully programmed", Seen.ASSUMED, "the public logs of -ob show"
                + " verifications that failed (st-285479, st-33955), none that passed"),

        // -ob displ: the one public listing ends before the security section (corpus README)
        OB_LISTING("OPTION BYTES BANK: 0", Seen.ASSUMED, "no public -ob displ listing of an STM32WB reaches the"
                + " security section (corpus README); fuspath reads SFSA from it"),
        OB_HEADING("   %s:", Seen.ASSUMED, "as OB_LISTING"),
        OB_RDP("     RDP          : 0xAA (Level 0, no protection)", Seen.ASSUMED, "as OB_LISTING"),
        OB_SFSA("     SFSA         : 0x%X (Secure Flash Start Address: 0x%08X)", Seen.ASSUMED, "as OB_LISTING"),
        OB_FSD("     FSD          : 0x0 (System and Flash secure)", Seen.ASSUMED, "as OB_LISTING"),
        OB_DDS("     DDS          : 0x1 (CPU2 debug access disabled)", Seen.ASSUMED, "as OB_LISTING"),
        OB_VALUE("     %-12s : 0x%X", Seen.ASSUMED, "as OB_LISTING");

        private final String template;
        private final Seen seen;
        private final String source;

        Shape(String template, Seen seen, String source) {
            this.template = template;
            this.seen = seen;
            this.source = source;
        }

        public String template() {
            return template;
        }

        public Seen seen() {
            return seen;
        }

        public String source() {
            return source;
        }

        /** For a {@link Seen#CORPUS} shape: the log file (the source's first word). */
        public String corpusFile() {
            return seen == Seen.CORPUS ? source.split("[ ,]", 2)[0] : null;
        }
    }

    private final StringBuilder out = new StringBuilder();

    private TranscriptPrinter() {
    }

    /** The whole output of one invocation: the command line as a terminal shows it, the banner, then the events. */
    public static String print(List<String> args, String toolVersion, List<FusEvent> events) {
        TranscriptPrinter p = new TranscriptPrinter();
        p.line(Shape.COMMAND_LINE, String.join(" ",
                args.stream().map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList()));
        p.line(Shape.RULE);
        p.line(Shape.TOOL_VERSION, toolVersion);
        p.line(Shape.RULE);
        p.blank();
        for (FusEvent e : events) {
            p.event(e);
        }
        return p.out.toString();
    }

    private void line(Shape shape, Object... values) {
        out.append(values.length == 0 ? shape.template().replace("%%", "%")
                : String.format(Locale.ROOT, shape.template(), values)).append('\n');
    }

    private void blank() {
        out.append('\n');
    }

    private void fus(String state, String status) {
        line(Shape.FUS_STATE, state);
        blank();
        line(Shape.FUS_STATUS, status);
        blank();
    }

    /**
     * The end of a delete (-fwdelete, or the delete phase of -fwupgrade): with a stack, "Firmware delete finished"
     * (gh-mbed-os; then, in an upgrade, FUS answering again as st-278243 shows, and for -fwdelete the command's own
     * end line); without one, st-135354's "Flash already empty" warning and "Firmware delete Success".
     */
    private void deleteEnded(boolean hadStack, boolean upgradePhase) {
        if (!hadStack) {
            line(Shape.FLASH_ALREADY_EMPTY);
            line(Shape.DELETE_SUCCESS);
        } else if (upgradePhase) {
            line(Shape.DELETE_FINISHED);
            blank();
            fus("FUS_IDLE", "FUS_NO_ERROR");
        } else {
            line(Shape.DELETE_FINISHED);
            line(Shape.FWDELETE_FINISHED);
        }
    }

    /** A FUS service asked for (-startwirelessstack, -antirollback): its opening line, FUS's answer, its end line. */
    private void service(Shape opening, String status, Shape end) {
        line(opening);
        fus("FUS_IDLE", status);
        line(end);
    }

    /**
     * How the tool reports a refused image, per FUS status (rules/fus-codes.json names): the state FUS is in, the
     * status it answers, and the error line. The FUS state is that of the upgrade for a refusal at install
     * (gh-mbed-os's not-authentic), FUS_IDLE for one before it starts (st-721392's image not found).
     */
    private record Refusal(boolean ongoing, String status, Shape error, String errorArgument) {
    }

    private static final java.util.Map<String, Refusal> REFUSALS = java.util.Map.of(
            "FUS_IMAGE_NOT_AUTHENTIC", new Refusal(true, "FUS_IMAGE_NOT_AUTHENTIC", Shape.NOT_AUTHENTIC, null),
            "FUS_STATE_IMG_NOT_FOUND", new Refusal(false, "FUS_IMAGE_NOT_FOUND", Shape.IMG_NOT_FOUND, null),
            "FUS_STATE_NO_ENOUGH_SPACE", new Refusal(false, "FUS_NO_ENOUGH_SPACE", Shape.FUS_CODE_ERROR,
                    "FUS_STATE_NO_ENOUGH_SPACE"));

    private void refused(FusEvent.UpgradeRefused e) {
        Refusal r = REFUSALS.getOrDefault(e.status(), new Refusal(false, e.status(), Shape.FUS_CODE_ERROR, e.status()));
        fus(r.ongoing() ? ongoing(e.fus()) : "FUS_IDLE", r.status());
        if (r.errorArgument() == null) {
            line(r.error());
        } else {
            line(r.error(), r.errorArgument());
        }
    }

    private void event(FusEvent event) {
        if (event instanceof FusEvent.BadArguments e) {
            line(Shape.BAD_ARGUMENTS, e.message());
        } else if (event instanceof FusEvent.NoConnection) {
            line(Shape.NO_CONNECTION);
        } else if (event instanceof FusEvent.NoTarget) {
            line(Shape.NO_TARGET);
        } else if (event instanceof FusEvent.Connected e) {
            connected(e);
        } else if (event instanceof FusEvent.FusStarted e) {
            if (e.already()) {
                line(Shape.FUS_STATE, "FUS_IDLE");
                line(Shape.FUS_ALREADY_RUNNING);
            } else {
                line(Shape.START_FUS_DONE);
                line(Shape.FUS_STATE, "FUS_IDLE");
            }
        } else if (event instanceof FusEvent.FusIdle) {
            fus("FUS_IDLE", "FUS_NO_ERROR");
        } else if (event instanceof FusEvent.FusStartedByTool) {
            fus("FUS_ERROR", "FUS_NOT_RUNNING"); // gh-mbed-os: -fwdelete over USB while the stack runs
            fus("FUS_IDLE", "FUS_NO_ERROR");
        } else if (event instanceof FusEvent.FusNotRunning) {
            line(Shape.FUS_STATE, "FUS_ERROR"); // insided-43503
            line(Shape.FUS_STATUS, "FUS_NOT_RUNNING");
            line(Shape.FUS_NOT_IDLE);
        } else if (event instanceof FusEvent.Read e) {
            read(e);
        } else if (event instanceof FusEvent.OldStackDeleted e) {
            line(Shape.OLD_STACK_DELETE);
            blank();
            line(Shape.DELETING);
            deleteEnded(e.hadStack(), true);
        } else if (event instanceof FusEvent.DeleteStarted) {
            line(Shape.DELETING);
        } else if (event instanceof FusEvent.StackDeleted e) {
            deleteEnded(e.hadStack(), false);
        } else if (event instanceof FusEvent.FileMissing e) {
            line(Shape.FILE_MISSING, e.file());
        } else if (event instanceof FusEvent.DownloadStarted e) {
            downloadStarted(e);
        } else if (event instanceof FusEvent.OutsideMemory) {
            line(Shape.EXCEEDS_MEMORY); // gh-cubewb-41
            line(Shape.ERASE_FAILED);
            line(Shape.DOWNLOAD_FAILED);
        } else if (event instanceof FusEvent.DownloadDone e) {
            downloadDone(e);
        } else if (event instanceof FusEvent.UpgradeOngoing e) {
            fus(ongoing(e.fus()), "FUS_NO_ERROR"); // gh-mbed-os
        } else if (event instanceof FusEvent.UpgradeRefused e) {
            refused(e);
        } else if (event instanceof FusEvent.UpgradeDone e) {
            if (e.fus()) {
                fus("FUS_IDLE", "FUS_NO_ERROR"); // assumed: the new FUS answers
            } else {
                fus("FUS_ERROR", "FUS_NOT_RUNNING"); // gh-mbed-os: the stack runs now, so FUS does not
            }
            line(Shape.UPGRADE_SUCCESS);
        } else if (event instanceof FusEvent.StackStarted e) {
            if (e.already()) {
                line(Shape.STACK_ALREADY_STARTED);
            } else {
                line(Shape.STARTING_STACK);
                line(Shape.STACK_STARTED);
            }
        } else if (event instanceof FusEvent.NoStackToStart) {
            service(Shape.STARTING_STACK, "FUS_IMAGE_NOT_FOUND", Shape.START_STACK_FAILED);
        } else if (event instanceof FusEvent.AntiRollbackActivated) {
            service(Shape.ACTIVATING_ANTI_ROLLBACK, "FUS_NO_ERROR", Shape.ANTI_ROLLBACK_DONE);
        } else if (event instanceof FusEvent.NoStackToProtect) {
            service(Shape.ACTIVATING_ANTI_ROLLBACK, "FUS_IMAGE_NOT_FOUND", Shape.ANTI_ROLLBACK_FAILED);
        } else if (event instanceof FusEvent.OptionBytesProgrammed e) {
            optionBytes(e.changed());
        } else if (event instanceof FusEvent.OptionBytesShown e) {
            optionBytesListing(e.state());
        } else if (event instanceof FusEvent.WriteError) {
            fus("FUS_ERROR", "FUS_IMAGE_WRTERROR");
            line(Shape.FUS_CODE_ERROR, "FUS_IMAGE_WRTERROR");
        } else if (event instanceof FusEvent.ConnectionLost e) {
            line(Shape.CONNECTION_LOST, e.deviceId()); // st-90380
            line(Shape.DISCONNECTED);
        }
    }

    private static String ongoing(boolean fus) {
        return fus ? "FUS_UPGRADE_ONGOING" : "WIRELESS_STACK_UPGRADE_ONGOING";
    }

    /** The download part of -fwupgrade, as gh-jkorte shows it (the newest CLI upgrade of the corpus). */
    private void downloadStarted(FusEvent.DownloadStarted e) {
        line(Shape.DOWNLOAD_AT, e.address());
        blank();
        blank();
        line(Shape.MEMORY_PROGRAMMING);
        line(Shape.OPENING, e.name());
        line(Shape.FILE, e.name());
        line(Shape.SIZE_KB, e.size() / 1024.0);
        line(Shape.ADDRESS, e.address());
        blank();
        blank();
        line(Shape.ERASING_SEGMENT);
    }

    private void downloadDone(FusEvent.DownloadDone e) {
        line(Shape.ERASING_SECTORS, e.firstPage(), e.lastPage());
        line(Shape.DOWNLOAD_IN_PROGRESS);
        line(Shape.PROGRESS_100);
        blank();
        line(Shape.DOWNLOAD_COMPLETE);
        long millis = Math.max(1, e.size() / 32); // about 32 KB a second, as gh-jkorte's 179 KB in 5.36 s
        line(Shape.DOWNLOAD_TIME, (int) Math.min(59, millis / 1000), (int) (millis % 1000));
        blank();
        fus("FUS_IDLE", "FUS_NO_ERROR");
        line(Shape.UPGRADE_STARTED);
        blank();
        line(Shape.UPDATING);
        line(Shape.WAITING);
        blank();
    }

    /** A banner line: its shape and its value (null for a shape without one). */
    private record BannerLine(Shape shape, String value) {
    }

    private void connected(FusEvent.Connected e) {
        String flash = e.flashSize() % (1024 * 1024) == 0 ? (e.flashSize() / (1024 * 1024)) + " MBytes"
                : (e.flashSize() / 1024) + " KBytes";
        List<BannerLine> banner;
        if (e.usb()) {
            blank();
            blank();
            banner = List.of(new BannerLine(Shape.USB_SPEED, null), new BannerLine(Shape.MANUFACTURER, null),
                    new BannerLine(Shape.PRODUCT, null), new BannerLine(Shape.USB_SN, "2079386A5453"),
                    new BannerLine(Shape.DFU_PROTOCOL, null), new BannerLine(Shape.BOARD, "--"),
                    new BannerLine(Shape.DEVICE_ID, "0x0" + e.deviceId().substring(2)),
                    new BannerLine(Shape.DEVICE_NAME, e.deviceName()), new BannerLine(Shape.FLASH_SIZE, flash),
                    new BannerLine(Shape.DEVICE_TYPE, null), new BannerLine(Shape.REVISION_ID, "--"),
                    new BannerLine(Shape.DEVICE_CPU, null));
        } else {
            boolean underReset = "UR".equalsIgnoreCase(e.mode());
            banner = List.of(new BannerLine(Shape.STLINK_SN, "066DFF555185754867073037"),
                    new BannerLine(Shape.STLINK_FW, "V2J40M27"), new BannerLine(Shape.BOARD, "NUCLEO-WB55RG"),
                    new BannerLine(Shape.VOLTAGE, "3.26V"), new BannerLine(Shape.SWD_FREQ, "4000 KHz"),
                    new BannerLine(Shape.CONNECT_MODE, underReset ? "Under Reset"
                            : "HOTPLUG".equalsIgnoreCase(e.mode()) ? "Hot Plug" : "Normal"),
                    new BannerLine(Shape.RESET_MODE, underReset ? "Hardware reset" : "Software reset"),
                    new BannerLine(Shape.DEVICE_ID, e.deviceId()), new BannerLine(Shape.REVISION_ID, "Rev Y"),
                    new BannerLine(Shape.DEVICE_NAME, e.deviceName()), new BannerLine(Shape.FLASH_SIZE, flash),
                    new BannerLine(Shape.DEVICE_TYPE, null), new BannerLine(Shape.DEVICE_CPU, null),
                    new BannerLine(Shape.BL_VERSION, null), new BannerLine(Shape.LOW_POWER_DEBUG, null));
        }
        for (BannerLine b : banner) {
            if (b.value() == null) {
                line(b.shape());
            } else {
                line(b.shape(), b.value());
            }
        }
        blank();
        blank();
    }

    private void read(FusEvent.Read e) {
        line(Shape.READ_TITLE);
        line(Shape.READ_SIZE, e.words().size() * 4);
        line(Shape.READ_ADDRESS, e.address());
        blank();
        // four words a line, as the real tool prints them (st-177360)
        for (int first = 0; first < e.words().size(); first += 4) {
            StringBuilder data = new StringBuilder();
            for (int w = first; w < Math.min(e.words().size(), first + 4); w++) {
                data.append(w == first ? "" : " ").append(String.format(Locale.ROOT, "%08X", e.words().get(w)));
            }
            line(Shape.READ_DATA, e.address() + 4L * first, data);
        }
        blank();
    }

    /** The block st-285479 prints for each pass over the option bytes (read, program, read again). */
    private void obBlock(Shape title) {
        line(title);
        blank();
        line(Shape.OB_BANK);
        line(Shape.OB_ADDRESS);
        line(Shape.OB_SIZE);
        blank();
        line(Shape.PROGRESS_100);
        blank();
    }

    private void optionBytes(boolean changed) {
        blank();
        obBlock(Shape.UPLOADING_OB);
        if (!changed) {
            return;
        }
        blank();
        obBlock(Shape.PROGRAMMING_OB);
        line(Shape.RECONNECTING);
        line(Shape.RECONNECTED);
        blank();
        blank();
        obBlock(Shape.UPLOADING_OB);
        line(Shape.OB_VERIFICATION);
        blank();
        line(Shape.OB_PROGRAMMED);
    }

    private void optionBytesListing(DeviceState s) {
        line(Shape.OB_LISTING);
        blank();
        heading("Read Out Protection");
        line(Shape.OB_RDP);
        blank();
        heading("Security Configuration Option bytes - 1");
        line(Shape.OB_SFSA, s.sfsaPage(), s.sfsaAddress());
        line(Shape.OB_FSD);
        line(Shape.OB_DDS);
        blank();
        if (!s.optionBytes().isEmpty()) {
            heading("User Configuration");
            s.optionBytes().forEach((name, value) -> line(Shape.OB_VALUE, name, number(value)));
            blank();
        }
    }

    private void heading(String title) {
        line(Shape.OB_HEADING, title);
        blank();
    }

    /**
     * An option byte's value as -ob took it: 0x-hexadecimal or decimal (ProgrammerCommand.OPTION_VALUE); a value no
     * -ob could have set (a hand-edited state file) lists as 0.
     */
    static long number(String value) {
        String v = value == null ? "" : value.strip();
        try {
            return v.regionMatches(true, 0, "0x", 0, 2) ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
