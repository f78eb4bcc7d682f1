package dev.fuspath.web.pages;

import java.util.List;

/** An error page: the status, a short title, what went wrong and what to do, and what exists instead. */
public record ErrorView(int status, String title, String detail, List<Link> links) {

    /** Something that exists instead; {@code href} is null when there is no page for it. */
    public record Link(String text, String href) {
    }
}
