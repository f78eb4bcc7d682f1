package dev.fuspath.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What every page must be: HTML in the shared layout, its controls labelled, nothing of the implementation leaked. */
final class PageAssertions {

    private PageAssertions() {
    }

    /** Asserts a page of that status in the shared layout, and returns it parsed. */
    static Document page(Response response, int status) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        assertNotNull(response.header("Content-Security-Policy"), "pages carry a Content-Security-Policy");
        assertFalse(body.contains("Exception"), "an exception name: " + body);
        assertFalse(body.matches("(?s).*\\bat (dev|io|java|org)\\.[a-z].*"), "a stack trace: " + body);
        Document doc = Jsoup.parse(body);
        assertEquals("en", doc.select("html").attr("lang"));
        assertEquals(1, doc.select("nav[aria-label=Main]").size(), "the shared header");
        for (String href : new String[] {"/", "/releases", "/inspect", "/diagnose", "/q/openapi"}) {
            assertFalse(doc.select("nav[aria-label=Main] a[href=" + href + "]").isEmpty(), href);
        }
        assertEquals(1, doc.select("main#main").size());
        assertEquals(1, doc.select("h1").size(), "one h1");
        assertEquals("/assets/fuspath.css", doc.select("link[rel=stylesheet]").attr("href"));
        assertTrue(doc.select("script").stream().allMatch(s -> s.attr("src").equals("/assets/fuspath.js")
                && s.data().isBlank()), "no script but the page's own file: " + doc.select("script"));
        assertTrue(doc.select("[style]").isEmpty() && doc.select("style").isEmpty(), "no inline style");
        assertLabelled(doc);
        return doc;
    }

    /** Every form control has a label: a label[for] naming its id, or a label around it. */
    static void assertLabelled(Document doc) {
        for (Element control : doc.select("input:not([type=hidden]):not([type=submit]), select, textarea")) {
            boolean around = control.closest("label") != null;
            boolean named = !control.id().isEmpty() && !doc.select("label[for=" + control.id() + "]").isEmpty()
                    && !doc.select("label[for=" + control.id() + "]").text().isBlank();
            assertTrue(around || named, "a control without a label: " + control);
        }
        assertTrue(doc.select("button").stream().allMatch(b -> !b.text().isBlank()), "a button without text");
        long ids = doc.select("[id]").stream().map(Element::id).distinct().count();
        assertEquals(doc.select("[id]").size(), ids, "ids are unique");
    }
}
