package dev.fuspath.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.testing.HeadlessChromium;
import dev.fuspath.testing.UpstreamBundle;
import dev.fuspath.web.UpstreamImages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real pages in headless Chromium, as a person uses them: type a chip, submit, read the steps; upload a real
 * upstream image; paste a log and read its diagnosis; the same without JavaScript. Screenshots go to the build folder's screenshots/.
 */
@QuarkusTest
class BrowserPagesTest {

    private static final Path SHOTS = UpstreamBundle.workDir().resolve("screenshots");
    private static final List<HeadlessChromium> STARTED = new java.util.ArrayList<>();

    @TestHTTPResource("/")
    URL base;

    private static HeadlessChromium browser(boolean javascript) {
        HeadlessChromium browser = HeadlessChromium.start(javascript, UpstreamBundle.workDir().resolve("browser"));
        STARTED.add(browser);
        return browser;
    }

    private String at(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @AfterAll
    static void noBrowserProcessOutlivesTheTests() {
        STARTED.forEach(HeadlessChromium::close);
        for (HeadlessChromium b : STARTED) {
            assertEquals(List.of(), b.leftovers(), "chromedriver or Chromium processes left running");
        }
    }

    /** No part of the page is wider than the window: readable on a phone without sideways scrolling of the page. */
    private static void assertNoSidewaysScroll(HeadlessChromium b) {
        assertTrue(b.script("return document.documentElement.scrollWidth <= window.innerWidth").asBoolean(),
                "the page is wider than the window at " + b.url() + ": "
                        + b.script("return document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': '"
                        + " + Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right"
                        + " > window.innerWidth && !e.closest('.scroll')).slice(0, 5).map(e => e.tagName + '.'"
                        + " + e.className + ' ' + e.textContent.slice(0, 40)).join(' | ')").asText());
    }

    @Test
    void lookupThenPlanWithTheKeyboard() {
        try (HeadlessChromium b = browser(true)) {
            b.open(at("/"));
            assertTrue(b.attribute(b.find("html"), "class").contains("js"), "the page script ran");
            HeadlessChromium.Element chip = b.find("#chip");
            b.click(chip);
            b.type(chip, "stm32wb55rgv6tr");
            b.waitUntil("the chip hint", () -> b.text("#chip-hint").contains("STM32WB5x"));
            assertEquals("STM32WB55RG: STM32WB5x, 1M flash, device ID 0x495", b.text("#chip-hint"));
            b.type(chip, "\uE004");
            assertEquals("fus", b.property(b.focused(), "id"), "Tab goes from the chip to the FUS version");
            b.type(b.focused(), "v0.5.3\uE004\uE004BLE_Stack_full");
            assertEquals("target", b.property(b.focused(), "id"));
            b.screenshot(SHOTS.resolve("lookup.png"));
            b.type(b.focused(), "\uE007");
            b.waitUntil("the plan page", () -> b.url().contains("/plan?"));
            assertTrue(b.url().contains("chip=stm32wb55rgv6tr") && b.url().contains("fus=v0.5.3"), b.url());
            b.find("ol.steps");
            List<HeadlessChromium.Element> steps = b.findAll("ol.steps > li.step");
            assertEquals(7, steps.size(), "the 7-step story on the newest release");
            assertTrue(b.text(steps.get(2)).contains("stm32wb5x_FUS_fw_for_fus_0_5_3.bin"), b.text(steps.get(2)));
            assertEquals(b.findAll("pre[data-copy]").size(), b.findAll("button.copy").size(), "a copy button per command");
            b.click(b.findAll("button.copy").get(0));
            b.waitUntil("the copy status", () -> !b.text(".copy-status").isBlank());
            b.windowSize(1280, 2600);
            b.screenshot(SHOTS.resolve("plan.png"));
            b.windowSize(390, 844);
            assertNoSidewaysScroll(b);
            b.screenshot(SHOTS.resolve("plan-phone.png"));
            b.open(at("/"));
            assertNoSidewaysScroll(b);
            b.screenshot(SHOTS.resolve("lookup-phone.png"));
        }
    }

    @Test
    void aRefusedLookupShowsTheFormAgainWithWhatExists() {
        try (HeadlessChromium b = browser(true)) {
            b.open(at("/plan?chip=STM32WB55RG&fus=2.1.0&target=BLE_Stack_huge"));
            assertTrue(b.text(".problem").contains("BLE_Stack_huge"));
            assertEquals("BLE_Stack_huge", b.property(b.find("#target"), "value"));
            HeadlessChromium.Element full = b.findAll("ul.alternatives a").stream()
                    .filter(a -> b.text(a).equals("BLE_Stack_full")).findFirst().orElseThrow();
            b.screenshot(SHOTS.resolve("plan-refused.png"));
            b.click(full);
            b.waitUntil("the plan", () -> b.url().contains("target=BLE_Stack_full"));
            assertFalse(b.findAll("ol.steps > li.step").isEmpty());
        }
    }

    @Test
    void inspectARealUpstreamImage() throws IOException {
        Assumptions.assumeTrue(UpstreamImages.present(), "skipped: the upstream bundle is absent; this test uploads"
                + " a real STM32CubeWB image");
        Path file = UpstreamBundle.workDir().resolve("browser").resolve("stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, UpstreamImages.read("v1.24.0", "STM32WB5x", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin"));
        try (HeadlessChromium b = browser(true)) {
            b.open(at("/inspect"));
            b.type(b.find("#file"), file.toAbsolutePath().toString());
            b.click(b.find("form.upload button[type=submit]"));
            b.waitUntil("the report", () -> b.text("h1").contains("stm32wb5x_FUS_fw_for_fus_0_5_3.bin"));
            String summary = b.text("dl.summary");
            assertTrue(summary.contains("fus") && summary.contains("1.2.0"), summary);
            assertTrue(b.findAll("table a[href^='/releases/']").size() > 10, "it shipped in many releases");
            b.windowSize(1280, 2000);
            b.screenshot(SHOTS.resolve("inspect.png"));
        }
    }

    @Test
    void everyPageWorksWithJavaScriptOff() {
        try (HeadlessChromium b = browser(false)) {
            b.open(at("/"));
            assertFalse(String.valueOf(b.attribute(b.find("html"), "class")).contains("js"), "JavaScript is off");
            assertEquals(ChipRules.bundled().chips().size(), b.findAll("#chip-list option").size(),
                    "the datalist offers the parts without JavaScript");
            b.type(b.find("#chip"), "STM32WB55RG");
            b.type(b.find("#fus"), "01020000");
            b.type(b.find("#target"), "BLE_Stack_light\uE007");
            b.waitUntil("the plan page", () -> b.url().contains("/plan?"));
            assertFalse(b.findAll("ol.steps > li.step").isEmpty());
            assertTrue(b.findAll("button.copy").isEmpty(), "no copy buttons without JavaScript");
            assertTrue(b.text("pre.command").startsWith("STM32_Programmer_CLI -c port=swd"), "the commands as text");
            b.windowSize(1280, 2000);
            b.screenshot(SHOTS.resolve("plan-nojs.png"));
            b.open(at("/releases/v1.16.0"));
            assertTrue(b.text("#STM32WB1x-stm32wb1x_BLE_Stack_light_fw\\.bin").contains("address-mismatch"));
            b.click(b.find("#STM32WB1x-stm32wb1x_BLE_Stack_light_fw\\.bin a.mark"));
            b.waitUntil("the anomaly", () -> b.url().contains("#a-"));
            b.screenshot(SHOTS.resolve("release-nojs.png"));
            b.open(at("/releases"));
            assertTrue(b.findAll("table a[href^='/releases/v']").size() > 30, "the release list");
            b.open(at("/inspect"));
            assertEquals("multipart/form-data", b.attribute(b.find("form.upload"), "enctype"));
            b.open(at("/releases/v9.9.9"));
            assertTrue(b.title().startsWith("Not found"), b.title());
            b.screenshot(SHOTS.resolve("not-found-nojs.png"));
        }
    }

    /** The text of the log line a diagnosis quotes, without its number (shown first). */
    private static String quoted(HeadlessChromium b, HeadlessChromium.Element line, int n) {
        String text = b.text(line);
        assertTrue(text.startsWith(String.valueOf(n)), text);
        return text.substring(String.valueOf(n).length());
    }

    @Test
    void pasteALogAndReadItsDiagnosis() {
        String log = DiagnoseFixtures.log("fus-v2-only-on-fus1-usb.log");
        String[] lines = log.split("\n", -1);
        try (HeadlessChromium b = browser(true)) {
            b.open(at("/diagnose"));
            HeadlessChromium.Element area = b.find("#log");
            b.click(area);
            b.type(area, log);
            assertEquals(log, b.property(area, "value"), "the log is in the textarea as pasted");
            b.windowSize(1280, 1400);
            b.screenshot(SHOTS.resolve("diagnose-form.png"));
            b.click(b.find("form.diagnose button[type=submit]"));
            b.waitUntil("the diagnosis", () -> b.title().startsWith("Diagnosis"));
            List<HeadlessChromium.Element> codes = b.findAll("ol.diagnosis > li.finding h3 code");
            assertEquals("fus-v2-only-on-fus1", b.text(codes.get(0)), "the worst finding first");
            assertTrue(b.findAll("ol.diagnosis > li.finding.error").size() >= 2);
            List<HeadlessChromium.Element> marked = b.findAll("#finding-1 pre.log mark.line");
            assertFalse(marked.isEmpty(), "the evidence lines are marked");
            for (HeadlessChromium.Element line : marked) {
                int n = Integer.parseInt(b.attribute(line, "data-line"));
                assertEquals(lines[n - 1].strip(), quoted(b, line, n).strip(), "line " + n);
            }
            assertTrue(b.text("#finding-1").contains("Error: Firmware not authentic!"));
            assertEquals(4, b.findAll("section.corrected ol.steps > li.step").size(), b.text("section.corrected"));
            assertEquals(b.findAll("pre[data-copy]").size(), b.findAll("button.copy").size(), "a copy button per command");
            b.click(b.findAll("section.corrected button.copy").get(0));
            b.waitUntil("the copy status", () -> !b.text(".copy-status").isBlank());
            assertEquals(log, b.property(b.find("#log"), "value"), "the log is still in the form");
            b.windowSize(1280, 4200);
            b.script("window.scrollTo(0, 0)");
            b.screenshot(SHOTS.resolve("diagnose.png"));
            b.windowSize(390, 844);
            assertNoSidewaysScroll(b);
            b.screenshot(SHOTS.resolve("diagnose-phone.png"));
            String id = b.text("section.corrected code.sha");
            b.click(b.find("a.plan-link"));
            b.waitUntil("the plan page", () -> b.url().contains("/plan?"));
            assertEquals(id, b.text("p.meta code.sha"), "the shared address gives the same plan");
        }
    }

    @Test
    void diagnoseWithJavaScriptOff() {
        String log = DiagnoseFixtures.log("wrong-address-gui.log");
        try (HeadlessChromium b = browser(false)) {
            b.open(at("/diagnose"));
            assertFalse(String.valueOf(b.attribute(b.find("html"), "class")).contains("js"), "JavaScript is off");
            b.type(b.find("#log"), log);
            b.type(b.find("#chip"), "STM32WB55RG");
            b.type(b.find("#fus"), "1.2.0");
            b.click(b.find("form.diagnose button[type=submit]"));
            b.waitUntil("the diagnosis", () -> b.title().startsWith("Diagnosis"));
            assertEquals("wrong-address", b.text("ol.diagnosis > li.finding h3 code"));
            assertTrue(b.text("#finding-1").contains("Erasing internal memory sectors [206 237]"), b.text("#finding-1"));
            assertTrue(b.text("section.corrected").contains("0x080D0000"), "the right address in the plan");
            assertFalse(b.findAll("section.corrected ol.steps > li.step").isEmpty());
            assertTrue(b.findAll("button.copy").isEmpty(), "no copy buttons without JavaScript");
            assertTrue(b.text("section.corrected pre.command").startsWith("STM32_Programmer_CLI -c port=swd"));
            assertEquals("STM32WB55RG", b.property(b.find("#chip"), "value"), "the hints stay in the form");
            b.windowSize(1280, 4200);
            b.screenshot(SHOTS.resolve("diagnose-nojs.png"));
            b.click(b.find("a.plan-link"));
            b.waitUntil("the plan page", () -> b.url().contains("/plan?"));
            assertFalse(b.findAll("ol.steps > li.step").isEmpty());
        }
    }
}
