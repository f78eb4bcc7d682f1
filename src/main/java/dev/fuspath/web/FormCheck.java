package dev.fuspath.web;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What the form pages take, checked on the whole body before the form is parsed: the parser would otherwise throw
 * (an invalid percent escape, more than 1000 fields or parts) and the client would get a 500. The pages' forms
 * have at most four fields; {@link #MAX_FIELDS} leaves room for what browsers add.
 */
final class FormCheck {

    static final int MAX_FIELDS = 64;

    /** Why the page cannot take this form: a status (400 or 413) and what to tell the client. */
    record Refusal(int status, String problem) {
    }

    private FormCheck() {
    }

    static Optional<Refusal> check(String contentType, Buffer body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return urlencoded(body);
        }
        if (type.startsWith("multipart/form-data")) {
            return multipart(contentType, body);
        }
        return Optional.empty(); // the page answers 415 itself
    }

    private static Optional<Refusal> urlencoded(Buffer body) {
        int fields = 1;
        int length = body.length();
        for (int i = 0; i < length; i++) {
            byte b = body.getByte(i);
            if (b == '&') {
                if (++fields > MAX_FIELDS) {
                    return Optional.of(new Refusal(413, "The form has more than " + MAX_FIELDS + " fields."));
                }
            } else if (b == '%') {
                if (i + 2 >= length || !hex(body.getByte(i + 1)) || !hex(body.getByte(i + 2))) {
                    return Optional.of(new Refusal(400, "The form is not readable: a % in it is not followed by two"
                            + " hexadecimal digits."));
                }
                i += 2;
            }
        }
        return Optional.empty();
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static Optional<Refusal> multipart(String contentType, Buffer body) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            return Optional.of(new Refusal(400, "The form is not readable: its Content-Type names no boundary."));
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = body.getBytes();
        int parts = 0;
        for (int i = indexOf(bytes, delimiter, 0); i >= 0; i = indexOf(bytes, delimiter, i + delimiter.length)) {
            if (++parts > MAX_FIELDS + 1) { // n parts have n + 1 delimiters
                return Optional.of(new Refusal(413, "The form has more than " + MAX_FIELDS + " parts."));
            }
        }
        if (parts == 0) {
            return Optional.of(new Refusal(400, "The form is not readable: its boundary is not in it."));
        }
        return Optional.empty();
    }

    /** The boundary parameter of a multipart Content-Type, unquoted; null when there is none. */
    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length()).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > 70 ? null : value;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
