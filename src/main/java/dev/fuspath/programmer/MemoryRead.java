package dev.fuspath.programmer;

import java.util.List;

/**
 * One data line of a -r32 read: "0x20030030 : 01020000 [more words]".
 *
 * @param address address of the first word
 * @param words   the 32-bit words in order (each word i is at address + 4*i)
 * @param line    1-based line number
 */
public record MemoryRead(long address, List<Long> words, int line) {
    public MemoryRead {
        words = List.copyOf(words);
    }
}
