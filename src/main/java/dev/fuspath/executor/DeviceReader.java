package dev.fuspath.executor;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.programmer.MemoryRead;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a device is, writing nothing: one call that connects (over SWD in hot-plug mode), reads FUS's device
 * information table and lists the option bytes (SFSA among them). The table is MB_FUS_DeviceInfoTable_t of STM32CubeWB's
 * mbox_def.h, at 0x20030024 while FUS runs: FUS version at 0x20030030, wireless stack version at 0x20030038. A real
 * read over SWD shows that layout ("-r32 0x20030024 50" gives A94656B9 00000001 01010000 01010100 / 00000006
 * 00000000..., community.st.com thread "fus-default-version-programmed-in-stm32wb5cg-has-been-upgraded"). Over SWD FUS
 * answers only once started; {@link #read} starts it when allowed and the table reads blank.
 */
public final class DeviceReader {

    static final long TABLE = 0x20030030L;
    static final List<String> READ = List.of("-r32", "0x20030030", "16", "-ob", "displ");
    static final List<String> START_FUS = List.of("-startfus");

    private static final Pattern OPTION_BYTE = Pattern.compile("^\\s{0,16}([A-Za-z][A-Za-z0-9_]{0,31})\\s{0,16}:\\s{0,8}0x([0-9A-Fa-f]{1,8})\\b");

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
    private final String iface;

    public DeviceReader(Caller caller, String iface) {
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
        if (facts.fusRunning() || !mayStartFus) {
            return new Reading(facts, calls, false);
        }
        Call start = caller.call(Connection.with(iface, START_FUS));
        calls.add(start);
        if (start.effect() != Call.Effect.DONE) {
            return new Reading(facts, calls, false);
        }
        Call again = caller.call(Connection.forReading(iface, READ));
        calls.add(again);
        return new Reading(again.effect() == Call.Effect.DONE ? facts(again) : facts, calls, true);
    }

    static DeviceFacts facts(Call call) {
        ProgrammerSession s = call.session();
        Map<Long, List<Long>> reads = new LinkedHashMap<>();
        for (MemoryRead r : s.reads()) {
            reads.put(r.address(), r.words());
        }
        List<Long> table = reads.getOrDefault(TABLE, List.of());
        long fusWord = table.isEmpty() ? 0 : table.get(0);
        long stackWord = table.size() > 2 ? table.get(2) : 0;
        FirmwareVersion fus = fusWord == 0 || fusWord == 0xFFFFFFFFL ? null : FirmwareVersion.fromWord(fusWord);
        FirmwareVersion stack = fus == null || stackWord == 0 || stackWord == 0xFFFFFFFFL ? null
                : FirmwareVersion.fromWord(stackWord);
        Map<String, Long> ob = optionBytes(call.invocation().output());
        Long sfsa = ob.get("SFSA");
        Long flash = s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().bytes();
        return new DeviceFacts(s.deviceId(), flash, fus, stack, fus == null ? null : stack != null,
                sfsa == null ? null : sfsa.intValue(), ob);
    }

    /** The "NAME : 0xVALUE" lines that follow an "OPTION BYTES BANK" heading. */
    static Map<String, Long> optionBytes(String output) {
        Map<String, Long> values = new LinkedHashMap<>();
        boolean inListing = false;
        for (String line : output.split("\r\n|\r|\n")) {
            String l = line.length() > 512 ? line.substring(0, 512) : line;
            if (l.strip().toUpperCase(Locale.ROOT).startsWith("OPTION BYTES BANK")) {
                inListing = true;
                continue;
            }
            if (!inListing) {
                continue;
            }
            Matcher m = OPTION_BYTE.matcher(l);
            if (m.find()) {
                values.put(m.group(1).toUpperCase(Locale.ROOT), Long.parseLong(m.group(2), 16));
            }
        }
        return values;
    }
}
