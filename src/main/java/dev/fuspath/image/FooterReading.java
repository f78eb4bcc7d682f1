package dev.fuspath.image;

import java.util.List;

/** The outcome of reading an image's footers: the footer when one was found, and every problem seen. */
public record FooterReading(long size, ImageFooter footer, List<FooterProblem> problems) {

    public FooterReading {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return footer != null && problems.stream().noneMatch(FooterProblem::error);
    }

    public boolean empty() {
        return size == 0;
    }
}
