package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** A service started without a mirror says how to start it with one, and still answers what needs no bytes. */
@QuarkusTest
class BinaryContentWithoutMirrorTest {

    /** stm32wb5x_FUS_fw_for_fus_0_5_3.bin (and the same bytes for STM32WB3x) of v1.24.0. */
    private static final String FUS_053_SHA = "3f73a9be93eec3de7ff663d4b8a7669064c86f841db401c8ccee4f6ccd4e4b30";

    private static String detail(Response response, int status) {
        return ApiErrorsTest.assertProblem(response, status).get("detail").asText();
    }

    @Test
    void noMirrorIs503NamingTheFix() {
        String detail = detail(given().get("/api/v1/binaries/" + FUS_053_SHA + "/content"), 503);
        assertTrue(detail.contains("-Dfuspath.sync.source=") && detail.contains("so it keeps a mirror")
                && detail.contains("-Dfuspath.mirror.dir="), detail);
    }

    @Test
    void malformedAndUnknownShaComeFirst() {
        for (String sha : new String[] {"xyz", "g".repeat(64), "a".repeat(63), "a".repeat(65)}) {
            assertTrue(detail(given().get("/api/v1/binaries/" + sha + "/content"), 400).contains("64 hexadecimal"), sha);
        }
        assertTrue(detail(given().get("/api/v1/binaries/" + "0".repeat(64) + "/content"), 404)
                .contains("0".repeat(64)));
    }

    @Test
    void aClientHoldingTheBytesGets304WithoutTheMirror() {
        for (String ifNoneMatch : new String[] {"\"" + FUS_053_SHA + "\"", "W/\"" + FUS_053_SHA + "\"",
                "\"other\", \"" + FUS_053_SHA.toUpperCase() + "\"", "*"}) {
            Response r = given().header("If-None-Match", ifNoneMatch).get("/api/v1/binaries/" + FUS_053_SHA + "/content");
            assertEquals(304, r.statusCode(), ifNoneMatch);
            assertEquals("\"" + FUS_053_SHA + "\"", r.header("ETag"));
        }
        assertEquals(503, given().header("If-None-Match", "\"" + "1".repeat(64) + "\"")
                .get("/api/v1/binaries/" + FUS_053_SHA + "/content").statusCode());
        assertEquals(404, given().header("If-None-Match", "*").get("/api/v1/binaries/" + "0".repeat(64) + "/content")
                .statusCode(), "an ETag for bytes the catalog does not know is no answer");
    }

    @Test
    void otherMethodsAre405() {
        ApiErrorsTest.assertProblem(given().post("/api/v1/binaries/" + FUS_053_SHA + "/content"), 405);
        ApiErrorsTest.assertProblem(given().delete("/api/v1/binaries/" + FUS_053_SHA + "/content"), 405);
    }
}
