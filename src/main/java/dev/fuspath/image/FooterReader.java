package dev.fuspath.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Reads the footers of a coprocessor image. Never throws on bad bytes: every problem is in the result. */
public final class FooterReader {

    public static final long ST_SIGNATURE_MAGIC = 0xD3A12C5EL;
    static final int SIGNATURE_FOOTER_SIZE = 20;
    static final int IMAGE_FOOTER_SIZE = 20;
    private static final int SIGNATURE_LENGTH_OFFSET = 8;

    private FooterReader() {
    }

    public static FooterReading read(byte[] image) {
        if (image == null || image.length == 0) {
            return new FooterReading(0, null, List.of(FooterProblem.error("empty", "the file is empty")));
        }
        List<FooterProblem> problems = new ArrayList<>();
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int end = image.length;
        if (end < SIGNATURE_FOOTER_SIZE + IMAGE_FOOTER_SIZE) {
            problems.add(FooterProblem.error("too-short",
                    "the file has " + end + " bytes, fewer than the " + (SIGNATURE_FOOTER_SIZE + IMAGE_FOOTER_SIZE)
                            + " that the footers alone take"));
            return new FooterReading(end, null, problems);
        }
        Signer signer = Signer.ST;
        long lastMagic = word(bytes, end - 4);
        int lastSignatureLength = signatureLength(bytes, end);
        int stFooterEnd = end;
        if (lastMagic != ST_SIGNATURE_MAGIC) {
            // A customer signature sits on top of ST's: look for ST's signature footer right below it.
            int below = end - SIGNATURE_FOOTER_SIZE - lastSignatureLength;
            if (below >= SIGNATURE_FOOTER_SIZE + IMAGE_FOOTER_SIZE && word(bytes, below - 4) == ST_SIGNATURE_MAGIC) {
                signer = Signer.CUSTOMER;
                stFooterEnd = below;
                problems.add(FooterProblem.note("customer-signed", String.format(
                        "the file ends with signature magic 0x%08X, not ST's 0x%08X: a customer signature over an ST image",
                        lastMagic, ST_SIGNATURE_MAGIC)));
            } else {
                problems.add(FooterProblem.error("no-signature-footer", String.format(
                        "the last word is 0x%08X, not ST's signature magic 0x%08X, and no ST signature footer lies below it",
                        lastMagic, ST_SIGNATURE_MAGIC)));
                return new FooterReading(end, null, problems);
            }
        }
        int signatureLength = signatureLength(bytes, stFooterEnd);
        int footerOffset = stFooterEnd - SIGNATURE_FOOTER_SIZE - signatureLength - IMAGE_FOOTER_SIZE;
        if (signatureLength == 0 || footerOffset < 0) {
            problems.add(FooterProblem.error("bad-signature-length",
                    "the signature footer gives a signature length of " + signatureLength
                            + " bytes, which does not fit in a file of " + end + " bytes"));
            return new FooterReading(end, null, problems);
        }
        long magic = word(bytes, footerOffset + 16);
        ImageType type = ImageType.ofMagic(magic);
        if (type == null) {
            problems.add(FooterProblem.error("unknown-image-magic", String.format(
                    "the image footer at offset %d has magic 0x%08X, which is none of the known image magics",
                    footerOffset, magic)));
            return new FooterReading(end, null, problems);
        }
        long versionWord = word(bytes, footerOffset + 12);
        FirmwareVersion version = FirmwareVersion.fromWord(versionWord);
        if (version == null) {
            problems.add(FooterProblem.note("version-unset",
                    "the version word is 0xFFFFFFFF: the image does not say its version (FUS images made to install over any FUS do this)"));
        }
        long memory = word(bytes, footerOffset + 8);
        int flashPages = (int) (memory & 0xFF);
        ImageFooter footer = new ImageFooter(signer, lastMagic, signatureLength, footerOffset, magic,
                type, versionWord, version, memory, flashPages, (int) ((memory >>> 24) & 0xFF),
                (int) ((memory >>> 16) & 0xFF), word(bytes, footerOffset), word(bytes, footerOffset + 4));
        if (flashPages == 0) {
            problems.add(FooterProblem.error("no-flash-size", "the image footer gives a flash size of 0 pages"));
        }
        return new FooterReading(end, footer, problems);
    }

    private static int signatureLength(ByteBuffer bytes, int footerEnd) {
        return bytes.get(footerEnd - SIGNATURE_FOOTER_SIZE + SIGNATURE_LENGTH_OFFSET) & 0xFF;
    }

    private static long word(ByteBuffer bytes, int offset) {
        return bytes.getInt(offset) & 0xFFFFFFFFL;
    }
}
