package dev.fuspath.web.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/** /diagnose: a plain form, and what it shows of a log against what the diagnosis (and the API) says. */
@QuarkusTest
class DiagnosePageTest {

    @Inject
    CatalogHolder holder;

    @TestHTTPResource("/")
    URL base;

    private static Document paste(String log, int status) {
        return PageAssertions.page(given().multiPart(new MultiPartSpecBuilder(log).controlName("log")
                .mimeType("text/plain").charset(StandardCharsets.UTF_8).build()).post("/diagnose"), status);
    }

    private static Document paste(String log, String chip, String fus, int status) {
        return PageAssertions.page(given().multiPart("log", log).multiPart("chip", chip).multiPart("fus", fus)
                .post("/diagnose"), status);
    }

    private static Document upload(String name, byte[] bytes, int status) {
        return PageAssertions.page(given().multiPart("log", "").multiPart("file", name, bytes, "text/plain")
                .post("/diagnose"), status);
    }

    private Diagnosis expected(String log, String chip, String fus) {
        return holder.diagnoser().diagnose(log, new Diagnoser.Hints(Optional.ofNullable(chip), Optional.ofNullable(fus)));
    }

    private static String[] lines(String log) {
        return log.split("\r\n|\r|\n", -1);
    }

    private static List<String> codes(Document doc) {
        return doc.select("ol.diagnosis > li.finding").stream().map(li -> li.selectFirst("h3 code").text()).toList();
    }

    private static String norm(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The textarea's value as a browser reads it: the page's one newline after the start tag is not part of it. */
    private static String textarea(Document doc) {
        String text = doc.selectFirst("textarea#log").wholeText();
        return text.startsWith("\n") ? text.substring(1) : text;
    }

    /** The text of a shown log line, without its number. */
    private static String lineText(Element line) {
        return line.textNodes().stream().map(TextNode::getWholeText).collect(Collectors.joining());
    }

    /** Each shown finding against the diagnosis: order, severity, message, remedy, and its evidence lines quoted. */
    private static void assertFindings(Diagnosis d, String log, Document doc) {
        List<Element> items = doc.select("ol.diagnosis > li.finding");
        assertEquals(d.findings().stream().map(Diagnosis.Finding::code).toList(), codes(doc));
        String[] text = lines(log);
        for (int i = 0; i < items.size(); i++) {
            Diagnosis.Finding f = d.findings().get(i);
            Element li = items.get(i);
            assertTrue(li.hasClass(f.severity()), li.className());
            assertEquals(f.severity(), li.selectFirst("h3 .mark").text());
            assertEquals(norm(f.message()), li.selectFirst("p.message").text(), "the message as the diagnosis gives it");
            if (f.remedy() != null) {
                assertTrue(li.selectFirst("p.remedy").text().contains(norm(f.remedy())), li.selectFirst("p.remedy").text());
            }
            assertEquals(f.causes().stream().map(DiagnosePageTest::norm).toList(), li.select("ul.causes li").eachText());
            Set<Integer> marked = new TreeSet<>();
            for (Element line : li.select("pre.log .line")) {
                int n = Integer.parseInt(line.attr("data-line"));
                assertEquals(String.valueOf(n), line.selectFirst(".ln").text());
                assertEquals(text[n - 1], lineText(line), "line " + n + " quoted as it is in the log");
                if (line.tagName().equals("mark")) {
                    marked.add(n);
                }
            }
            Set<Integer> more = new TreeSet<>();
            Element also = li.selectFirst("p.small");
            if (also != null) {
                Matcher m = Pattern.compile("\\d+").matcher(also.text());
                while (m.find()) {
                    more.add(Integer.parseInt(m.group()));
                }
            }
            Set<Integer> shown = new TreeSet<>(marked);
            shown.addAll(more);
            assertEquals(new TreeSet<>(f.evidence()), shown, f.code() + ": every evidence line marked or listed");
            assertTrue(li.select("pre.log").size() <= LogExcerpts.MAX_EXCERPTS);
        }
    }

    @Test
    void theFormIsAPlainMultipartPost() {
        Document doc = PageAssertions.page(given().get("/diagnose"), 200);
        Element form = doc.selectFirst("form.diagnose");
        assertEquals("post", form.attr("method"));
        assertEquals("/diagnose", form.attr("action"));
        assertEquals("multipart/form-data", form.attr("enctype"));
        assertEquals(Set.of("log", "file", "chip", "fus"),
                form.select("[name]").stream().map(e -> e.attr("name")).collect(Collectors.toSet()));
        assertEquals("textarea", form.selectFirst("[name=log]").tagName());
        assertTrue(form.selectFirst("input[type=file]").attr("accept").contains(".log"));
        assertEquals(ChipRules.bundled().chips().stream().map(Chip::part).toList(),
                doc.select("#chip-list option").eachAttr("value"), "the chip takes the lookup form's type-ahead");
        assertEquals("page", doc.selectFirst("nav[aria-label=Main] a[href=/diagnose]").attr("aria-current"));
        assertTrue(doc.select("ol.diagnosis").isEmpty() && doc.select(".problem").isEmpty());
    }

    @Test
    void everyFixtureLogShowsItsFindingsWithTheirLines() {
        for (String name : DiagnoseFixtures.ALL) {
            String log = DiagnoseFixtures.log(name);
            Diagnosis d = expected(log, null, null);
            Document doc = paste(log, 200);
            assertFindings(d, log, doc);
            assertTrue(doc.selectFirst("h1").text().contains(DiagnoseView.counts(d.findings())), name);
            assertTrue(doc.selectFirst("dl.input").text().contains("pasted text, read as a STM32CubeProgrammer log of "
                    + d.input().lines() + " lines"), doc.selectFirst("dl.input").text());
            Diagnosis.Session s = d.session();
            String session = doc.select("h2#session-heading + dl.summary").text();
            assertTrue(session.contains("STM32CubeProgrammer " + (s.toolVersion() == null ? "version not shown"
                    : s.toolVersion())), name + ": " + session);
            assertTrue(session.contains(s.deviceId() == null ? "ID not shown" : s.deviceId()), name + ": " + session);
            assertTrue(session.contains(s.flashSize() == null ? "not shown" : s.flashSize()), name + ": " + session);
            assertEquals(s.operations().size(), doc.select("table.operations tbody tr").size(), name);
            for (int i = 0; i < s.operations().size(); i++) {
                Diagnosis.OperationView o = s.operations().get(i);
                Element row = doc.select("table.operations tbody tr").get(i);
                assertEquals(o.kind(), row.selectFirst("th").text());
                assertTrue(row.selectFirst("td").text().startsWith(String.valueOf(o.firstLine())));
                for (String fact : new String[] {o.file(), o.address(), o.fusState(), o.fusStatus()}) {
                    assertTrue(fact == null || row.text().contains(fact), name + " row " + i + " lacks " + fact);
                }
            }
            assertEquals(log, textarea(doc),
                    "the log stays in the form, to diagnose again with a chip or FUS version");
            Diagnosis.CorrectedPlan plan = d.correctedPlan();
            if (plan == null || plan.plan() == null) {
                assertTrue(doc.select("ol.steps").isEmpty(), name);
                if (plan != null) {
                    assertTrue(doc.selectFirst("section.corrected").text().contains(plan.unavailable()), name);
                }
            } else {
                assertCorrectedPlan(plan, doc);
            }
        }
    }

    /** The corrected plan's steps with their commands, and a link to the same plan (same id) on the plan page. */
    private static void assertCorrectedPlan(Diagnosis.CorrectedPlan plan, Document doc) {
        assertEquals(plan.plan().steps().size(), doc.select("ol.steps > li.step").size());
        List<String> commands = doc.select("ol.steps pre.command").eachText();
        for (int i = 0; i < commands.size(); i++) {
            assertEquals(PlanView.commandLine(plan.plan().steps().get(i).command()), commands.get(i));
        }
        assertTrue(doc.select("section.corrected pre.command").last().wholeText()
                .startsWith(String.join("\n", commands)), "all the commands as one script");
        assertTrue(doc.selectFirst("section.corrected").text().contains(plan.assumption()));
        assertEquals(plan.plan().id(), doc.selectFirst("section.corrected code.sha").text());
        String href = doc.selectFirst("a.plan-link").attr("href");
        assertTrue(href.startsWith("/plan?chip=" + plan.plan().chip().part()), href);
        Document shared = PageAssertions.page(given().urlEncodingEnabled(false).get(href), 200);
        assertEquals(plan.plan().id(), shared.selectFirst("p.meta code.sha").text(),
                "the plan page at the shared address gives the same plan");
    }

    @Test
    void hintsGiveTheCorrectedPlanAGuiLogCannot() {
        String log = DiagnoseFixtures.log("wrong-address-gui.log");
        Diagnosis without = expected(log, null, null);
        assertNull(without.correctedPlan().plan(), "the GUI log alone shows no flash size");
        Document alone = paste(log, 200);
        assertTrue(alone.selectFirst("section.corrected").text().contains("No corrected plan"));

        Document hinted = paste(log, "STM32WB55RGV6", "v1.2.0", 200);
        Diagnosis d = expected(log, "STM32WB55RGV6", "v1.2.0");
        assertFindings(d, log, hinted);
        assertEquals("wrong-address", codes(hinted).get(0));
        assertCorrectedPlan(d.correctedPlan(), hinted);
        assertTrue(hinted.selectFirst("a.plan-link").attr("href").contains("release=v1.23.0"));
        assertTrue(hinted.selectFirst("dl.input").text().contains("chip STM32WB55RGV6, FUS v1.2.0"));
        assertEquals("STM32WB55RGV6", hinted.selectFirst("#chip").val(), "the hints stay in the form");
        assertEquals("v1.2.0", hinted.selectFirst("#fus").val());

        Document unknown = paste(log, "STM32F103C8", "", 200);
        assertTrue(codes(unknown).contains("chip-hint-unknown"), codes(unknown).toString());
        Document tooLong = paste(log, "STM32WB55RG".repeat(5), "1.2.0", 400);
        assertTrue(tooLong.selectFirst(".problem").text().contains("at most 40 characters"));
        assertEquals(40, tooLong.selectFirst("#chip").val().length(), "the hint shown again, cut");
        assertTrue(tooLong.select("ol.diagnosis").isEmpty());
    }

    @Test
    void aFileIsReadLikeThePastedLogAndWinsOverIt() {
        String log = DiagnoseFixtures.log("fus-out-of-order-usb.log");
        Document doc = PageAssertions.page(given().multiPart("log", "this text is not read")
                .multiPart("file", "C:\\logs\\fus-out-of-order.log", log.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/diagnose"), 200);
        assertFindings(expected(log, null, null), log, doc);
        assertTrue(doc.selectFirst("dl.input").text().startsWith("Input the file fus-out-of-order.log, read as"),
                doc.selectFirst("dl.input").text());
        assertEquals(log, textarea(doc), "the file's log is in the form to send again");
        Document crlf = upload("crlf.txt", log.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), 200);
        assertFindings(expected(log.replace("\n", "\r\n"), null, null), log, crlf);
    }

    @Test
    void aUrlencodedFormIsTakenToo() {
        String log = DiagnoseFixtures.log("write-error-usb.log");
        Document doc = PageAssertions.page(given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("log", log).formParam("chip", "STM32WB55RG").post("/diagnose"), 200);
        assertFindings(expected(log, "STM32WB55RG", null), log, doc);
        // 1 MiB of two-byte characters is 3 MiB percent-encoded: still read
        String wide = "é".repeat(DiagnosePage.MAX_BYTES / 2);
        Document read = PageAssertions.page(given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("log", wide).post("/diagnose"), 200);
        assertEquals(List.of("not-cubeprogrammer"), codes(read));
        PageAssertions.page(given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("log", wide + "é").post("/diagnose"), 413);
    }

    @Test
    void emptyBinaryAndOtherToolsGetOneClearFinding() {
        for (String blank : new String[] {"", "  \n\t\n"}) {
            Document doc = paste(blank, 200);
            assertEquals(List.of("empty-log"), codes(doc));
            assertTrue(doc.select("#session-heading").isEmpty() && doc.select("section.corrected").isEmpty());
            assertTrue(doc.selectFirst("dl.input").text().contains("empty"));
        }
        Document none = PageAssertions.page(given().multiPart("chip", "").post("/diagnose"), 200);
        assertEquals(List.of("empty-log"), codes(none), "a form without the log field");

        byte[] binary = new byte[4096];
        new java.util.Random(5).nextBytes(binary);
        Document bin = upload("stm32wb5x_FUS_fw.bin", binary, 200);
        assertEquals(List.of("binary-input"), codes(bin));
        assertTrue(bin.selectFirst("li.finding p.remedy").text().contains("inspect"));
        assertTrue(textarea(bin).isEmpty(), "binary data is not put in the form");

        Document openocd = paste("Open On-Chip Debugger 0.12.0\nInfo : clock speed 2000 kHz\nError: init mode failed\n", 200);
        assertEquals(List.of("not-cubeprogrammer"), codes(openocd));
        assertTrue(openocd.selectFirst("li.finding p.message").text().contains("OpenOCD"));
        assertTrue(openocd.selectFirst("dl.input").text().contains("3 lines"), openocd.selectFirst("dl.input").text());
    }

    @Test
    void aLogOver1MiBIsA413Page() {
        StringBuilder lines = new StringBuilder();
        while (lines.length() < DiagnosePage.MAX_BYTES) {
            lines.append("Device ID : 0x495 and more text to fill the line\n");
        }
        String exact = lines.substring(0, DiagnosePage.MAX_BYTES);
        Document read = paste(exact, 200);
        assertFalse(codes(read).contains("log-too-large"));
        // browsers send a textarea's line ends as \r\n: the log is measured as it was pasted
        Document crlf = PageAssertions.page(given().multiPart("log", exact.replace("\n", "\r\n")).post("/diagnose"), 200);
        assertFalse(codes(crlf).isEmpty());

        Document pasted = paste(exact + "x", 413);
        assertTrue(pasted.selectFirst(".problem").text().contains("1,048,577 bytes"), pasted.selectFirst(".problem").text());
        assertTrue(textarea(pasted).isEmpty(), "the refused log is not echoed");
        assertEquals(1, pasted.select("form.diagnose").size(), "the form again");
        Document file = upload("big.log", (exact + "x").getBytes(StandardCharsets.US_ASCII), 413);
        assertTrue(file.selectFirst(".problem").text().contains("1 MiB"));
    }

    @Test
    void aDeclaredLengthOverTheFormLimitIs413BeforeTheBodyIsSent() throws IOException {
        String head = "POST /diagnose HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (DiagnosePage.MAX_FORM_BYTES + 1)
                + "\r\n\r\n";
        String response = RawHttp.headThenWait(base, head, text -> text.contains("</html>"));
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("text/html"), response);
        assertTrue(response.contains("1 MiB") && response.contains("<form class=\"diagnose\""), response);
    }

    @Test
    void aStreamedFormOverTheFieldLimitIsA413Page() throws Exception {
        byte[] body = ("log=" + "x".repeat((int) DiagnosePage.MAX_FORM_BYTES)).getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/diagnose"))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(Optional.of(Html.TYPE), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("1 MiB") && !response.body().contains("Exception"), response.body());
    }

    @Test
    void hostileTextIsShownAsText() {
        String log = DiagnoseFixtures.log("no-target-swd.log");
        String evil = "Error: Unable to get core ID <script>alert(1)</script><img src=x onerror=alert(2)>"
                + "</textarea><b>x</b> \u001b[31m\u0007 & &amp;";
        int at = DiagnoseFixtures.lineOf(log, "Error:");
        String[] lines = lines(log);
        lines[at - 1] = evil;
        String hostile = String.join("\n", lines);
        Document doc = paste(hostile, 200);
        assertTrue(doc.select("main img, main script, main b").isEmpty(), doc.select("main img, main script, main b").toString());
        assertEquals(hostile, textarea(doc), "the textarea holds the text as sent");
        Element line = doc.select("pre.log mark.line").stream().filter(m -> m.attr("data-line").equals(String.valueOf(at)))
                .findFirst().orElseThrow(() -> new AssertionError("line " + at + " not marked: " + codes(doc)));
        assertEquals(evil.replace('\u001b', '\u241b').replace('\u0007', '\u2407'), lineText(line),
                "markup as text, control characters as their symbols");
    }

    @Test
    void manyEvidenceLinesShowFiveExcerptsAndListTheRest() {
        StringBuilder log = new StringBuilder(DiagnoseFixtures.log("no-target-swd.log"));
        for (int i = 0; i < 12; i++) {
            log.append("\n\n\n\n\n\nError: Unable to get core ID");
        }
        String text = log.toString();
        Diagnosis d = expected(text, null, null);
        Diagnosis.Finding many = d.findings().stream().filter(f -> f.evidence().size() > LogExcerpts.MAX_EXCERPTS)
                .findFirst().orElseThrow(() -> new AssertionError("no finding with many lines: " + d.findings()));
        Document doc = paste(text, 200);
        assertFindings(d, text, doc);
        Element li = doc.select("ol.diagnosis > li.finding").get(d.findings().indexOf(many));
        assertEquals(LogExcerpts.MAX_EXCERPTS, li.select("pre.log").size());
        assertTrue(li.selectFirst("p.small").text().startsWith("Also on lines"));
    }

    @Test
    void otherRequestsGetPages() {
        PageAssertions.page(given().contentType("application/json").body("{}").post("/diagnose"), 415);
        PageAssertions.page(given().delete("/diagnose"), 405);
    }
}
