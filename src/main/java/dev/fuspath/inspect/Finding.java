package dev.fuspath.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One thing inspect found: {@code error} means the file is not what its name says or cannot be installed. */
public record Finding(String severity, String code, String message) {

    public static Finding error(String code, String message) {
        return new Finding("error", code, message);
    }

    public static Finding warning(String code, String message) {
        return new Finding("warning", code, message);
    }

    public static Finding info(String code, String message) {
        return new Finding("info", code, message);
    }

    @JsonIgnore
    public boolean isError() {
        return "error".equals(severity);
    }
}
