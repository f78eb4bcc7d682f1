package dev.fuspath.golden;

import static dev.fuspath.golden.Golden.assertGolden;
import static io.restassured.RestAssured.given;

import dev.fuspath.image.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the API answers (status, content type and body) for the seed stories and the refusals, byte for byte as
 * before the vocabulary refactoring (see {@link Golden}).
 */
@QuarkusTest
class GoldenApiTest {

    private static RequestSpecification query(String... pairs) {
        RequestSpecification request = given();
        for (int i = 0; i < pairs.length; i += 2) {
            request.queryParam(pairs[i], pairs[i + 1]);
        }
        return request;
    }

    private static String answer(Response r) {
        return r.statusCode() + " " + r.contentType() + "\n" + r.asString() + "\n";
    }

    private static final String[] STORY = {"chip", "STM32WB55RGV6TR", "fus", "0.5.3", "target", "BLE_Stack_full",
            "release", "v1.23.0"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(STORY, STORY.length + more.length);
        System.arraycopy(more, 0, all, STORY.length, more.length);
        return all;
    }

    @Test
    void planStorySwdAndUsb() throws Exception {
        assertGolden("api-plan-story-swd.txt", answer(query(with("interface", "swd")).get("/api/v1/plan")));
        assertGolden("api-plan-story-usb.txt", answer(query(with("interface", "usb")).get("/api/v1/plan")));
    }

    @Test
    void planSet() throws Exception {
        assertGolden("api-planset.txt", answer(query("chip", "STM32WB55RGV6TR", "fus", "1.1.0,1.2.0,2.0.0,2.1.0",
                "target", "BLE_Stack_full", "release", "v1.23.0").get("/api/v1/plan")));
    }

    @Test
    void planRefusals() throws Exception {
        assertGolden("api-plan-unknown-chip.txt", answer(query("chip", "STM32F103", "fus", "1.2.0", "target",
                "BLE_Stack_full").get("/api/v1/plan")));
        assertGolden("api-plan-unknown-release.txt", answer(query("chip", "STM32WB55RG", "fus", "1.2.0", "target",
                "BLE_Stack_full", "release", "v9.9.9").get("/api/v1/plan")));
        assertGolden("api-plan-no-such-target.txt", answer(query("chip", "STM32WB55RG", "fus", "1.2.0", "target",
                "Zigbee_Nonexistent", "release", "v1.23.0").get("/api/v1/plan")));
        assertGolden("api-plan-bad-fus.txt", answer(query("chip", "STM32WB55RG", "fus", "9.9.9", "target",
                "BLE_Stack_full").get("/api/v1/plan")));
        assertGolden("api-plan-fus200-swd.txt", answer(query("chip", "STM32WB55RG", "fus", "2.0.0", "target",
                "BLE_Stack_full", "release", "v1.23.0", "interface", "swd").get("/api/v1/plan")));
        assertGolden("api-plan-bad-interface.txt", answer(query("chip", "STM32WB55RG", "fus", "2.0.0", "target",
                "BLE_Stack_full", "interface", "jtag").get("/api/v1/plan")));
        assertGolden("api-chip-unknown.txt", answer(given().get("/api/v1/chips/STM32F103")));
    }

    @Test
    void diagnoseACorpusLog() throws Exception {
        String log = Files.readString(Path.of("src/test/resources/logs/real/st-135354-fus-upgrade-wb55ce-gui.log"));
        assertGolden("api-diagnose-st-135354.txt", answer(given().contentType("text/plain").body(log)
                .queryParam("chip", "STM32WB55CE").post("/api/v1/diagnose")));
        String other = Files.readString(Path.of("src/test/resources/logs/fus-v2-only-on-fus1-usb.log"));
        assertGolden("api-diagnose-fus-v2-only-on-fus1-usb.txt", answer(given().contentType("text/plain")
                .body(other).post("/api/v1/diagnose")));
    }

    @Test
    void inspectATestImage() throws Exception {
        assertGolden("api-inspect-test-image.txt", answer(given().contentType("application/octet-stream")
                .body(TestImages.stack().payloadSize(12_000).seed(101).build())
                .queryParam("filename", "stm32wb5x_BLE_Stack_full_fw.bin").post("/api/v1/inspect")));
        assertGolden("api-inspect-empty.txt", answer(given().contentType("application/octet-stream")
                .body(new byte[0]).post("/api/v1/inspect")));
    }

    @Test
    void releasesAndAnomalies() throws Exception {
        assertGolden("api-releases.txt", answer(given().get("/api/v1/releases")));
        assertGolden("api-release-binaries-v1.23.0.txt", answer(given().get("/api/v1/releases/v1.23.0/binaries")));
        assertGolden("api-release-unknown.txt", answer(given().get("/api/v1/releases/v9.9.9/binaries")));
        assertGolden("api-anomalies.txt", answer(given().get("/api/v1/anomalies")));
        assertGolden("api-anomalies-errors.txt", answer(query("severity", "error").get("/api/v1/anomalies")));
        assertGolden("api-anomalies-bad-severity.txt", answer(query("severity", "fatal").get("/api/v1/anomalies")));
    }
}
