package dev.fuspath.executor;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.programmer.DeviceInfoTable;
import dev.fuspath.programmer.ProgrammerCommand;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what a device is, writing nothing: one call that connects (over SWD in hot-plug mode), reads the
 * {@link DeviceInfoTable} and lists the option bytes (SFSA among them, read by the parser: {@link
 * ProgrammerSession#optionBytes()}, an assumed shape). When the table reads blank (older tools over
 * SWD), {@link #read} starts FUS when allowed and reads again.
 */
public final class DeviceReader {

    static final List<String> READ = ProgrammerCommand.render(List.of(
            new ProgrammerCommand.Read32(String.format("0x%08X", DeviceInfoTable.ADDRESS), DeviceInfoTable.READ_BYTES),
            ProgrammerCommand.OptionBytes.display()));
    static final List<String> START_FUS = new ProgrammerCommand.StartFus().arguments();

    /**
     * @param facts     what the device said; null when it could not be read
     * @param calls     the calls made, in order
     * @param startedFus FUS was started to read it
     */
    public record Reading(DeviceFacts facts, List<Call> calls, boolean startedFus) {
        public boolean ok() {
            return facts != null;
        }

        public Call lastCall() {
            return calls.get(calls.size() - 1);
        }
    }

    private final Caller caller;
    private final InterfaceKind iface;

    public DeviceReader(Caller caller, InterfaceKind iface) {
        this.caller = caller;
        this.iface = iface;
    }

    public Reading read(boolean mayStartFus) {
        List<Call> calls = new ArrayList<>();
        Call call = caller.call(Connection.forReading(iface, READ));
        calls.add(call);
        if (call.effect() != Call.Effect.DONE) {
            return new Reading(null, calls, false);
        }
        DeviceFacts facts = facts(call);
        if (facts.fus() != null || !mayStartFus) {
            return new Reading(facts, calls, false);
        }
        Call start = caller.call(Connection.with(iface, START_FUS));
        calls.add(start);
        boolean surprise = start.effect() == Call.Effect.UNKNOWN && start.invocation().exitCode() == 0
                && !start.invocation().hung(); // -startfus output is an assumed shape: the read again decides
        if (start.effect() != Call.Effect.DONE && !surprise) {
            return new Reading(facts, calls, false);
        }
        Call again = caller.call(Connection.forReading(iface, READ));
        calls.add(again);
        return new Reading(again.effect() == Call.Effect.DONE ? facts(again) : facts, calls, true);
    }

    static DeviceFacts facts(Call call) {
        ProgrammerSession s = call.session();
        DeviceInfoTable.Contents table = DeviceInfoTable.decode(DeviceInfoTable.wordsByAddress(s.reads()));
        FirmwareVersion fus = DeviceInfoTable.valid(table.fusWord()) ? FirmwareVersion.fromWord(table.fusWord()) : null;
        FirmwareVersion stack = fus != null && DeviceInfoTable.valid(table.stackWord())
                ? FirmwareVersion.fromWord(table.stackWord()) : null;
        Map<String, Long> ob = s.optionBytes();
        Long sfsa = ob.get("SFSA");
        Long flash = s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().bytes();
        return new DeviceFacts(s.deviceId(), flash, table.cpu2(), fus, stack, fus == null ? null : stack != null,
                sfsa == null ? null : sfsa.intValue(), ob);
    }
}
