package dev.fuspath.catalog;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a coprocessor file name claims: {@code stm32wb5x_BLE_Stack_full_fw.bin} claims family STM32WB5x, a stack
 * named BLE_Stack_full; {@code stm32wb5x_FUS_fw_1_2_0.bin} claims FUS version 1.2.0;
 * {@code stm32wb5x_FUS_fw_for_fus_0_5_3.bin} claims only that it is meant for parts on FUS 0.5.3.
 *
 * @param prefix  the family prefix as written, null when absent
 * @param family  the family the prefix names, null when absent or unknown
 * @param kind    FUS, SAFEBOOT or STACK; null when the name follows no known pattern
 * @param stack   the canonical stack name for stack files
 * @param version the version the name claims, null when it claims none
 * @param forFus  the FUS version the name says the file is for, null when it says none
 */
public record FileNameClaims(String prefix, Family family, Kind kind, String stack, FirmwareVersion version,
                             FirmwareVersion forFus) {

    private static final Pattern NAME = Pattern.compile(
            "(?i)^(?:(stm32wb[0-9a-z]{1,2}x?)_)?(.+?)_fw"
                    + "(?:_for_fus_(\\d{1,3})_(\\d{1,3})_(\\d{1,3})|_v?(\\d{1,3})[._](\\d{1,3})[._](\\d{1,3}))?"
                    + "(?:\\s*\\(\\d+\\))?\\.bin$");

    public static FileNameClaims parse(String fileName, Rules rules) {
        String name = fileName == null ? "" : baseName(fileName.strip());
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return new FileNameClaims(null, null, null, null, null, null);
        }
        String prefix = m.group(1);
        Family family = prefix == null ? null : rules.familyByFilePrefix(prefix).orElse(null);
        String body = m.group(2);
        Kind kind;
        String stack = null;
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("fus")) {
            kind = Kind.FUS;
        } else if (lower.startsWith("safeboot")) {
            kind = Kind.SAFEBOOT;
        } else {
            kind = Kind.STACK;
            stack = rules.canonicalStackName(body);
        }
        FirmwareVersion forFus = m.group(3) == null ? null : version(m.group(3), m.group(4), m.group(5));
        FirmwareVersion version = m.group(6) == null ? null : version(m.group(6), m.group(7), m.group(8));
        return new FileNameClaims(prefix, family, kind, stack, version, forFus);
    }

    private static FirmwareVersion version(String major, String minor, String sub) {
        int a = Integer.parseInt(major);
        int b = Integer.parseInt(minor);
        int c = Integer.parseInt(sub);
        return a > 255 || b > 255 || c > 255 ? null : FirmwareVersion.of(a, b, c);
    }

    /** The file name without any folder, whichever separator the path uses. */
    public static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
