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
 * Reads what a device is, writing nothing: one call that connects (over SWD in hot-plug mode), reads the device
 * information table at 0x20030024 and lists the option bytes (SFSA among them). The table is MB_DeviceInfoTable_t of
 * STM32CubeWB's mbox_def.h, a union: while FUS runs it starts with the state word 0xA94656B9 and holds the FUS version
 * at 0x20030030 and the wireless stack version at 0x20030038 (a public SWD dump, "-r32 0x20030024 50" giving
 * A94656B9 00000001 01010000 01010100 / 00000006 00000000..., community.st.com thread
 * "fus-default-version-programmed-in-stm32wb5cg-has-been-upgraded", shows this layout); while the stack runs it
 * holds the FUS version at 0x20030028 and the stack version at 0x20030034. When the table reads blank (older tools
 * over SWD), {@link #read} starts FUS when allowed and reads again.
 */
public final class DeviceReader {

    static final long TABLE = 0x20030024L;
    static final long FUS_TABLE_STATE = 0xA94656B9L;
    static final List<String> READ = List.of("-r32", "0x20030024", "28", "-ob", "displ");
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
        if (facts.fus() != null || !mayStartFus) {
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
        Map<Long, Long> words = new LinkedHashMap<>();
        for (MemoryRead r : s.reads()) {
            for (int i = 0; i < r.words().size(); i++) {
                words.put(r.address() + 4L * i, r.words().get(i));
            }
        }
        long state = words.getOrDefault(TABLE, 0L);
        String runs;
        long fusWord;
        long stackWord;
        if (state == FUS_TABLE_STATE) {
            runs = "FUS";
            fusWord = words.getOrDefault(TABLE + 0x0C, 0L);
            stackWord = words.getOrDefault(TABLE + 0x14, 0L);
        } else {
            fusWord = words.getOrDefault(TABLE + 0x04, 0L);
            stackWord = words.getOrDefault(TABLE + 0x10, 0L);
            runs = valid(fusWord) ? "stack" : null;
        }
        FirmwareVersion fus = valid(fusWord) ? FirmwareVersion.fromWord(fusWord) : null;
        FirmwareVersion stack = fus != null && valid(stackWord) ? FirmwareVersion.fromWord(stackWord) : null;
        Map<String, Long> ob = optionBytes(call.invocation().output());
        Long sfsa = ob.get("SFSA");
        Long flash = s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().bytes();
        return new DeviceFacts(s.deviceId(), flash, runs, fus, stack, fus == null ? null : stack != null,
                sfsa == null ? null : sfsa.intValue(), ob);
    }

    private static boolean valid(long word) {
        return word != 0 && word != 0xFFFFFFFFL;
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
