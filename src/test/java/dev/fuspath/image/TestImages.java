package dev.fuspath.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Synthetic coprocessor images for tests: payload, 20-byte image footer {@code info1, info2, memory, version, magic},
 * a signature and its 20-byte signature footer, optionally a customer signature and footer on top.
 * All words are little-endian. Nothing here is an ST image; the bytes never match the catalog.
 */
public final class TestImages {

    public static final long STACK_MAGIC = 0x23372991L;
    public static final long STACK_FUS_V2_MAGIC = 0xB10C8B99L;
    public static final long FUS_MAGIC = 0x32279221L;
    public static final long SAFEBOOT_MAGIC = 0x927A6741L;
    public static final long OTHER_MAGIC = 0x42769811L;
    public static final long ST_SIGNATURE_MAGIC = 0xD3A12C5EL;
    public static final long LEGACY_SAFEBOOT_INFO1 = 0x5AFEB007L;
    public static final long UNSET_VERSION = 0xFFFFFFFFL;
    public static final int FOOTER_SIZE = 20;
    public static final int SIGNATURE_SIZE = 64;
    /** Image footer, signature and signature footer: what follows the payload in an ST-signed image. */
    public static final int TRAILER_SIZE = FOOTER_SIZE + SIGNATURE_SIZE + FOOTER_SIZE;

    private TestImages() {
    }

    public static Builder image() {
        return new Builder();
    }

    public static Builder stack() {
        return image().magic(STACK_MAGIC);
    }

    public static Builder fusV2Stack() {
        return image().magic(STACK_FUS_V2_MAGIC);
    }

    public static Builder fus() {
        return image().magic(FUS_MAGIC).version(0x01020000L);
    }

    public static Builder safeboot() {
        return image().magic(SAFEBOOT_MAGIC).version(0x02000100L);
    }

    /** A Safeboot from before the Safeboot magic: the stack magic and first word 0x5AFEB007. */
    public static Builder legacySafeboot() {
        return image().magic(STACK_MAGIC).info1(LEGACY_SAFEBOOT_INFO1).version(0x01020000L);
    }

    public static final class Builder {
        private int payloadSize = 8000;
        private byte[] payload;
        private long seed = 1;
        private long info1 = 0xABCDABCDL;
        private long info2 = 0xABCDABCDL;
        private int sram2aKib = 0;
        private int sram2bKib = 13;
        private int reserved = 0xFF;
        private Integer flashPages;
        private int pageSize = 4096;
        private Long memoryWord;
        private long versionWord = 0x010D0302L;
        private long magic = STACK_MAGIC;
        private int signatureLengthByte = SIGNATURE_SIZE;
        private long signatureMagic = ST_SIGNATURE_MAGIC;
        private boolean customerSigned;
        private long customerMagic = 0xC0DE5161L;

        private Builder() {
        }

        /** Payload of this many pseudo-random bytes (from {@link #seed}). */
        public Builder payloadSize(int size) {
            this.payloadSize = size;
            this.payload = null;
            return this;
        }

        public Builder payload(byte[] bytes) {
            this.payload = bytes.clone();
            return this;
        }

        /** Seed of the payload and signature bytes: different seeds, different SHA-256. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder magic(long magic) {
            this.magic = magic;
            return this;
        }

        public Builder version(long word) {
            this.versionWord = word;
            return this;
        }

        public Builder info1(long word) {
            this.info1 = word;
            return this;
        }

        public Builder info2(long word) {
            this.info2 = word;
            return this;
        }

        public Builder sram(int sram2aKib, int sram2bKib) {
            this.sram2aKib = sram2aKib;
            this.sram2bKib = sram2bKib;
            return this;
        }

        public Builder reservedByte(int value) {
            this.reserved = value;
            return this;
        }

        /** Flash pages the footer claims; by default the file size rounded up to {@link #pageSize} pages. */
        public Builder flashPages(int pages) {
            this.flashPages = pages;
            return this;
        }

        /** Page size the default page count uses: 4096 (STM32WB5x/3x) or 2048 (STM32WB1x). */
        public Builder pageSize(int bytes) {
            this.pageSize = bytes;
            return this;
        }

        /** The raw memory word, overriding SRAM and page settings. */
        public Builder memoryWord(long word) {
            this.memoryWord = word;
            return this;
        }

        /** The low byte of the signature footer's third word; the signature itself stays 64 bytes. */
        public Builder signatureLengthByte(int value) {
            this.signatureLengthByte = value;
            return this;
        }

        /** The last word of ST's signature footer. */
        public Builder signatureMagic(long magic) {
            this.signatureMagic = magic;
            return this;
        }

        /** Appends a customer signature and footer ending in {@code magic} (anything but ST's). */
        public Builder customerSigned(long magic) {
            this.customerSigned = true;
            this.customerMagic = magic;
            return this;
        }

        public Builder customerSigned() {
            return customerSigned(customerMagic);
        }

        /** Size of the file {@link #build()} makes. */
        public int fileSize() {
            int size = (payload != null ? payload.length : payloadSize) + TRAILER_SIZE;
            return customerSigned ? size + SIGNATURE_SIZE + FOOTER_SIZE : size;
        }

        /** Flash pages the footer will claim. */
        public int pages() {
            return flashPages != null ? flashPages : (fileSize() + pageSize - 1) / pageSize;
        }

        public byte[] build() {
            Random random = new Random(seed);
            byte[] body = payload;
            if (body == null) {
                body = new byte[payloadSize];
                random.nextBytes(body);
            }
            ByteBuffer out = ByteBuffer.allocate(fileSize()).order(ByteOrder.LITTLE_ENDIAN);
            out.put(body);
            long memory = memoryWord != null ? memoryWord
                    : ((long) (sram2aKib & 0xFF) << 24) | ((sram2bKib & 0xFF) << 16) | ((reserved & 0xFF) << 8)
                    | (pages() & 0xFF);
            putWords(out, info1, info2, memory, versionWord, magic);
            putSignature(out, random, signatureLengthByte, signatureMagic);
            if (customerSigned) {
                putSignature(out, random, SIGNATURE_SIZE, customerMagic);
            }
            return out.array();
        }

        private static void putSignature(ByteBuffer out, Random random, int lengthByte, long magic) {
            byte[] signature = new byte[SIGNATURE_SIZE];
            random.nextBytes(signature);
            out.put(signature);
            putWords(out, 0x12341234L, 0xABCDABCDL, 0xFFFF5700L | (lengthByte & 0xFF), 0x22110045L, magic);
        }

        private static void putWords(ByteBuffer out, long... words) {
            for (long w : words) {
                out.putInt((int) w);
            }
        }
    }

    /** Offset of the (ST) image footer in an image {@link Builder#build()} made without customer signature. */
    public static int footerOffset(byte[] image) {
        return image.length - TRAILER_SIZE;
    }
}
