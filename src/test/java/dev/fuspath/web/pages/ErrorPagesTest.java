package dev.fuspath.web.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Errors off the API are pages in the same look; the API and its contract keep answering as they did. */
@QuarkusTest
class ErrorPagesTest {

    @Test
    void unknownPathIsA404PageForBrowsersAndAProblemOtherwise() {
        Document doc = PageAssertions.page(given().accept("text/html,application/xhtml+xml,*/*;q=0.8")
                .get("/no/such/page"), 404);
        assertTrue(doc.selectFirst(".problem").text().contains("/no/such/page"));
        Response plain = given().get("/no/such/page");
        assertEquals(404, plain.statusCode());
        assertEquals("application/problem+json", plain.contentType());
    }

    @Test
    void theApiStaysJsonEvenForBrowsers() {
        for (String path : new String[] {"/api/v1/nope", "/api", "/q/nope"}) {
            Response r = given().accept("text/html").get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("application/problem+json", r.contentType(), path);
        }
        Response releases = given().accept("text/html").get("/api/v1/releases");
        assertEquals(406, releases.statusCode(), "the API answers JSON only, as before");
        assertEquals("application/problem+json", releases.contentType());
        Response json = given().get("/api/v1/releases");
        assertEquals(200, json.statusCode());
        assertTrue(json.contentType().startsWith("application/json"));
        Response contract = given().get("/q/openapi");
        assertEquals(200, contract.statusCode());
        assertTrue(contract.asString().contains("openapi:"));
    }

    @Test
    void pageRoutesStayOffTheApiAndTheContract() {
        for (Class<?> page : new Class<?>[] {LookupPages.class, ReleasePages.class, InspectPage.class,
                DiagnosePage.class}) {
            String base = page.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (java.lang.reflect.Method m : page.getDeclaredMethods()) {
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                assertTrue(!path.startsWith("/api") && !path.startsWith("/q/") && !path.startsWith("/assets"),
                        page.getSimpleName() + "." + m.getName() + " routes " + path);
            }
        }
    }

    @Test
    void wrongMethodOnAPageIsA405Page() {
        PageAssertions.page(given().post("/plan"), 405);
        PageAssertions.page(given().post("/releases"), 405);
    }

    @Test
    void theAssetsAreServedWithTheirTypes() {
        Response css = given().get("/assets/fuspath.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.contentType().startsWith("text/css"));
        Response js = given().get("/assets/fuspath.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.contentType().contains("javascript"), js.contentType());
        assertTrue(css.asByteArray().length + js.asByteArray().length < 20_000, "one small sheet and one small script");
    }
}
