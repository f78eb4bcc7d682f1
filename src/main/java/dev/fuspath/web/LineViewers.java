package dev.fuspath.web;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The viewers of the records' event stream; the /line page's events ({@code web.pages.LineEvents}) keep them. */
public interface LineViewers {

    /** Takes a viewer's stream, or answers false when this instance has its maximum of viewers already. */
    boolean subscribe(SseEventSink sink, Sse sse);
}
