package dev.fuspath.image;

/**
 * What the footers at the end of a coprocessor image say. From the end of the file: a 20-byte signature
 * footer (last word: signature magic; byte 8: signature length), the signature, and before it the 20-byte
 * image footer {@code info1, info2, memory, version, magic}.
 *
 * @param signer            ST when the file ends with ST's signature magic, CUSTOMER when an ST-signed image
 *                          carries a customer signature footer on top
 * @param signatureMagic    the last word of the file
 * @param signatureLength   length in bytes of the (last) signature
 * @param offset            where the image footer starts in the file
 * @param magic             the image footer magic
 * @param type              what the magic says the image is
 * @param versionWord       raw version word; 0xFFFFFFFF in images meant to install over any version
 * @param version           the decoded version, null when the word is 0xFFFFFFFF
 * @param memoryWord        raw memory word: SRAM2a KiB, SRAM2b KiB, reserved byte, flash pages
 * @param flashPages        flash the installed image takes, in the family's flash pages
 * @param sram2aKib         SRAM2a the image needs, in KiB
 * @param sram2bKib         SRAM2b the image needs, in KiB
 * @param info1             first footer word (0xABCDABCD in legacy images)
 * @param info2             second footer word
 */
public record ImageFooter(Signer signer, long signatureMagic, int signatureLength, int offset, long magic,
                          ImageType type, long versionWord, FirmwareVersion version, long memoryWord,
                          int flashPages, int sram2aKib, int sram2bKib, long info1, long info2) {

    /** Safeboot images before the Safeboot magic existed carry the stack magic and this first word. */
    static final long LEGACY_SAFEBOOT_INFO1 = 0x5AFEB007L;

    public boolean legacySafeboot() {
        return type == ImageType.STACK && info1 == LEGACY_SAFEBOOT_INFO1;
    }

    /** FUS v2-only images: the newer stack format. */
    public boolean fusV2Only() {
        return type == ImageType.STACK_FUS_V2;
    }
}
