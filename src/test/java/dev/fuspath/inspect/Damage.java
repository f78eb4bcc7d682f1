package dev.fuspath.inspect;

import dev.fuspath.image.TestImages;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/** Seeded ways to damage a coprocessor image, aimed mostly at the footers at its end. */
final class Damage {

    /** Words that mean something in a footer: magics, the unset version, lengths at the edges. */
    private static final long[] WORDS = {0L, 0xFFFFFFFFL, TestImages.ST_SIGNATURE_MAGIC, TestImages.STACK_MAGIC,
        TestImages.STACK_FUS_V2_MAGIC, TestImages.FUS_MAGIC, TestImages.SAFEBOOT_MAGIC, TestImages.OTHER_MAGIC,
        TestImages.LEGACY_SAFEBOOT_INFO1, 0xFFFF5740L, 0xFFFF57FFL, 0xFFFF5700L, 0xFFFF5701L, 0x12341234L, 0x7FFFFFFFL,
        0x80000000L};

    private final Random random;

    Damage(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** One to three damages to {@code image}; {@code other} is what a splice takes its second part from. */
    byte[] apply(byte[] image, byte[] other) {
        byte[] out = image;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out = once(out, other);
        }
        return out;
    }

    byte[] once(byte[] image, byte[] other) {
        return switch (random.nextInt(10)) {
            case 0 -> truncate(image);
            case 1, 2 -> flipBits(image);
            case 3 -> fillTail(image, random.nextBoolean() ? (byte) 0 : (byte) 0xFF);
            case 4 -> splice(image, other);
            case 5 -> concat(image, junk(1 + random.nextInt(300)));
            case 6 -> concat(junk(1 + random.nextInt(300)), image);
            case 7 -> duplicateFooter(image);
            default -> plantWord(image);
        };
    }

    /** Cut at a random point, half the time within the last 128 bytes. */
    byte[] truncate(byte[] image) {
        int cut = random.nextBoolean() ? image.length - random.nextInt(Math.min(image.length, 128) + 1)
                : random.nextInt(image.length + 1);
        return Arrays.copyOf(image, cut);
    }

    byte[] flipBits(byte[] image) {
        byte[] out = image.clone();
        if (out.length == 0) {
            return out;
        }
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(4) > 0 ? out.length - 1 - random.nextInt(Math.min(out.length, 128))
                    : random.nextInt(out.length);
            out[at] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    byte[] fillTail(byte[] image, byte value) {
        byte[] out = image.clone();
        int n = Math.min(out.length, 1 + random.nextInt(200));
        Arrays.fill(out, out.length - n, out.length, value);
        return out;
    }

    /** The head of one image with the tail of another, cut anywhere or right before the other's footers. */
    byte[] splice(byte[] image, byte[] other) {
        int head = random.nextInt(image.length + 1);
        int tail = random.nextBoolean() ? Math.min(other.length, TestImages.TRAILER_SIZE)
                : random.nextInt(other.length + 1);
        return concat(Arrays.copyOf(image, head), Arrays.copyOfRange(other, other.length - tail, other.length));
    }

    /** The last 20 to 220 bytes once more at the end. */
    byte[] duplicateFooter(byte[] image) {
        int n = Math.min(image.length, 20 + random.nextInt(201));
        return concat(image, Arrays.copyOfRange(image, image.length - n, image.length));
    }

    /** A meaningful word (or a random one) at a word or byte offset within the last 128 bytes. */
    byte[] plantWord(byte[] image) {
        if (image.length < 4) {
            return image.clone();
        }
        byte[] out = image.clone();
        long word = random.nextInt(4) > 0 ? WORDS[random.nextInt(WORDS.length)] : random.nextInt() & 0xFFFFFFFFL;
        int back = 4 + (random.nextBoolean() ? 4 * random.nextInt(32) : random.nextInt(125));
        int at = Math.max(0, out.length - Math.min(back, out.length));
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) word);
        return out;
    }

    byte[] junk(int size) {
        byte[] junk = new byte[size];
        random.nextBytes(junk);
        return junk;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
