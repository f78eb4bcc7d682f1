package dev.fuspath.image;

/** What an image's footer magic says the image is. */
public enum ImageType {
    /** Wireless stack in the legacy format every FUS installs. */
    STACK(0x23372991L, FooterFormat.LEGACY),
    /** Wireless stack in the newer format that only FUS v2 installs. */
    STACK_FUS_V2(0xB10C8B99L, FooterFormat.FUS_V2),
    FUS(0x32279221L, FooterFormat.LEGACY),
    SAFEBOOT(0x927A6741L, FooterFormat.LEGACY),
    OTHER(0x42769811L, FooterFormat.LEGACY);

    private final long magic;
    private final FooterFormat format;

    ImageType(long magic, FooterFormat format) {
        this.magic = magic;
        this.format = format;
    }

    public long magic() {
        return magic;
    }

    public FooterFormat format() {
        return format;
    }

    public static ImageType ofMagic(long magic) {
        for (ImageType type : values()) {
            if (type.magic == magic) {
                return type;
            }
        }
        return null;
    }

    public enum FooterFormat { LEGACY, FUS_V2 }
}
