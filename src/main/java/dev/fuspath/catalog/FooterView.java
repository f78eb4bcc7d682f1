package dev.fuspath.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterProblem;
import dev.fuspath.image.FooterReading;
import dev.fuspath.image.ImageFooter;
import dev.fuspath.image.ImageType;
import java.util.List;
import java.util.Locale;

/**
 * An image footer as the catalog and the API show it. {@code status} is {@code valid}, {@code invalid} or
 * {@code empty}; every other field is null when no footer was found.
 */
public record FooterView(String status, String signer, String signatureMagic, Integer signatureLength, Integer offset,
                         String magic, String type, String format, String versionWord, String version,
                         String memoryWord, Integer flashPages, Integer sram2aKib, Integer sram2bKib, String info1,
                         String info2, List<FooterProblem> problems) {

    public FooterView {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static FooterView of(FooterReading reading) {
        String status = reading.empty() ? "empty" : reading.valid() ? "valid" : "invalid";
        ImageFooter f = reading.footer();
        if (f == null) {
            return new FooterView(status, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, reading.problems());
        }
        String type = f.legacySafeboot() ? "safeboot" : switch (f.type()) {
            case STACK, STACK_FUS_V2 -> "stack";
            default -> f.type().name().toLowerCase(Locale.ROOT);
        };
        return new FooterView(status, f.signer().name().toLowerCase(Locale.ROOT), Hex.word(f.signatureMagic()),
                f.signatureLength(), f.offset(), Hex.word(f.magic()), type,
                f.type().format() == ImageType.FooterFormat.FUS_V2 ? "fus-v2" : "legacy", Hex.word(f.versionWord()),
                f.version() == null ? null : f.version().toString(), Hex.word(f.memoryWord()), f.flashPages(),
                f.sram2aKib(), f.sram2bKib(), Hex.word(f.info1()), Hex.word(f.info2()), reading.problems());
    }

    @JsonIgnore
    public boolean valid() {
        return "valid".equals(status);
    }

    @JsonIgnore
    public boolean fusV2Only() {
        return "fus-v2".equals(format);
    }

    @JsonIgnore
    public FirmwareVersion firmwareVersion() {
        return FirmwareVersion.parse(version);
    }

    /** The kind the content says, before the catalog looks at anything else. */
    @JsonIgnore
    public Kind kind() {
        if ("empty".equals(status)) {
            return Kind.PLACEHOLDER;
        }
        if (!valid() || type == null) {
            return Kind.INVALID;
        }
        return switch (type) {
            case "fus" -> Kind.FUS;
            case "stack" -> Kind.STACK;
            case "safeboot" -> Kind.SAFEBOOT;
            default -> Kind.OTHER;
        };
    }
}
