package dev.fuspath.programmer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device information table CPU2 keeps at 0x20030024: MB_DeviceInfoTable_t of STM32CubeWB's mbox_def.h, a union.
 * While FUS runs it is MB_FUS_DeviceInfoTable_t, starting with the state word 0xA94656B9, with the FUS version at
 * 0x20030030 and the wireless stack version at 0x20030038 (a public SWD dump, "-r32 0x20030024 50" giving
 * A94656B9 00000001 01010000 01010100 / 00000006 00000000..., community.st.com thread
 * "fus-default-version-programmed-in-stm32wb5cg-has-been-upgraded", shows this layout). While the stack runs it is
 * MB_Wireless_DeviceInfoTable_t, with the FUS version at 0x20030028 and the stack version at 0x20030034.
 */
public final class DeviceInfoTable {

    public static final long ADDRESS = 0x20030024L;
    /** Bytes that cover both layouts' versions. */
    public static final int READ_BYTES = 28;
    public static final long FUS_STATE_WORD = 0xA94656B9L;

    /** Offsets from {@link #ADDRESS} while FUS runs. */
    public static final int FUS_LAYOUT_SAFEBOOT = 0x08;
    public static final int FUS_LAYOUT_FUS = 0x0C;
    public static final int FUS_LAYOUT_STACK = 0x14;
    /** Offsets from {@link #ADDRESS} while the stack runs. */
    public static final int STACK_LAYOUT_SAFEBOOT = 0x00;
    public static final int STACK_LAYOUT_FUS = 0x04;
    public static final int STACK_LAYOUT_STACK = 0x10;

    /**
     * What a read of the table says.
     *
     * @param cpu2      "FUS" or "stack" as the layout tells; null when the table reads blank
     * @param fusWord   the FUS version word, 0 when unknown
     * @param stackWord the stack version word, 0 when there is none or it is unknown
     */
    public record Contents(String cpu2, long fusWord, long stackWord) {
    }

    private DeviceInfoTable() {
    }

    /** Every word of every -r32 data line, by address. */
    public static Map<Long, Long> wordsByAddress(List<MemoryRead> reads) {
        Map<Long, Long> words = new LinkedHashMap<>();
        for (MemoryRead r : reads) {
            for (int i = 0; i < r.words().size(); i++) {
                words.put(r.address() + 4L * i, r.words().get(i));
            }
        }
        return words;
    }

    /** The layout and the version words, from the words read. */
    public static Contents decode(Map<Long, Long> words) {
        if (words.getOrDefault(ADDRESS, 0L) == FUS_STATE_WORD) {
            return new Contents("FUS", words.getOrDefault(ADDRESS + FUS_LAYOUT_FUS, 0L),
                    words.getOrDefault(ADDRESS + FUS_LAYOUT_STACK, 0L));
        }
        long fus = words.getOrDefault(ADDRESS + STACK_LAYOUT_FUS, 0L);
        return new Contents(valid(fus) ? "stack" : null, fus, words.getOrDefault(ADDRESS + STACK_LAYOUT_STACK, 0L));
    }

    /** A version word that says something: neither blank nor erased flash. */
    public static boolean valid(long word) {
        return word != 0 && word != 0xFFFFFFFFL;
    }
}
