package dev.fuspath.image;

/** Something wrong or notable in an image's footers. {@code error} problems mean FUS would refuse it. */
public record FooterProblem(String code, boolean error, String message) {

    static FooterProblem error(String code, String message) {
        return new FooterProblem(code, true, message);
    }

    static FooterProblem note(String code, String message) {
        return new FooterProblem(code, false, message);
    }
}
