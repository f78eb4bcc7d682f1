package dev.fuspath.simulator;

import java.util.List;

/**
 * What happened during one simulated invocation, in order: the vocabulary between the {@link FusModel} (which decides
 * what happens, and prints nothing) and the {@link TranscriptPrinter} (which turns each event into the lines the real
 * tool prints, and decides nothing).
 */
public sealed interface FusEvent {

    /** The arguments did not parse (ProgrammerCommand's message): the tool prints the error and does nothing. */
    record BadArguments(String message) implements FusEvent {
    }

    /** No -c first. */
    record NoConnection() implements FusEvent {
    }

    /** No device answered (wrong port, or the DISCONNECT fault): nothing ran. */
    record NoTarget() implements FusEvent {
    }

    /** Connected: the banner of the probe (SWD) or the DFU device (USB). */
    record Connected(boolean usb, String mode, String deviceId, String deviceName, long flashSize)
            implements FusEvent {
    }

    /** -startfus: FUS now runs ({@code already}: it ran before). */
    record FusStarted(boolean already) implements FusEvent {
    }

    /** A FUS command found FUS answering: idle, no error. */
    record FusIdle() implements FusEvent {
    }

    /** Over USB a FUS command found CPU2 running the stack, and the tool started FUS (then idle). */
    record FusStartedByTool() implements FusEvent {
    }

    /** Over SWD a FUS command found FUS not running, and refused. */
    record FusNotRunning() implements FusEvent {
    }

    /** -r32: the words read, from {@code address} on. */
    record Read(long address, List<Long> words) implements FusEvent {
        public Read {
            words = List.copyOf(words);
        }
    }

    /** The delete phase of -fwupgrade with firstinstall=0 ({@code hadStack}: a stack was there to delete). */
    record OldStackDeleted(boolean hadStack) implements FusEvent {
    }

    /** -fwdelete ended ({@code hadStack}: a stack was there to delete). */
    record StackDeleted(boolean hadStack) implements FusEvent {
    }

    /** -fwdelete began. */
    record DeleteStarted() implements FusEvent {
    }

    /** -fwupgrade names a file the tool cannot read. */
    record FileMissing(String file) implements FusEvent {
    }

    /** -fwupgrade: the tool opened the image and is to write it at {@code address}. */
    record DownloadStarted(String name, long size, long address) implements FusEvent {
    }

    /** The image does not fit where it was to be written (outside the user flash, or into the secure area). */
    record OutsideMemory() implements FusEvent {
    }

    /** The image is in flash (pages {@code firstPage}..{@code lastPage} erased first); FUS was asked to install it. */
    record DownloadDone(long size, int firstPage, int lastPage) implements FusEvent {
    }

    /** FUS began installing: a FUS image ({@code fus}) or a wireless stack. */
    record UpgradeOngoing(boolean fus) implements FusEvent {
    }

    /** FUS refused the image with {@code status}, a status name of rules/fus-codes.json. */
    record UpgradeRefused(boolean fus, String status) implements FusEvent {
    }

    /** The install ended well: a stack now runs (FUS does not), or the new FUS runs. */
    record UpgradeDone(boolean fus) implements FusEvent {
    }

    /** -startwirelessstack: the stack now runs ({@code already}: it ran before). */
    record StackStarted(boolean already) implements FusEvent {
    }

    /** -startwirelessstack: FUS found no stack to start. */
    record NoStackToStart() implements FusEvent {
    }

    /** -antirollback: activated. */
    record AntiRollbackActivated() implements FusEvent {
    }

    /** -antirollback: no stack to protect. */
    record NoStackToProtect() implements FusEvent {
    }

    /** -ob: the option bytes were read (and, with assignments, programmed and read again). */
    record OptionBytesProgrammed(boolean changed) implements FusEvent {
    }

    /** -ob displ: the listing, from this device state. */
    record OptionBytesShown(DeviceState state) implements FusEvent {
    }

    /** WRITE_ERROR fault: FUS could not write the flash. */
    record WriteError(boolean upgrade) implements FusEvent {
    }

    /** POWER_LOSS fault: the device went away in the middle of the command. */
    record ConnectionLost(String deviceId) implements FusEvent {
    }
}
