package dev.fuspath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.programmer.FusCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** rules/fus-codes.json: complete, sourced, and covering every code the parser can give. */
class CodeBookTest {

    private final CodeBook book = CodeBook.bundled();

    @Test
    void everyCodeTheParserClassifiesIsExplained() throws IOException {
        // the parser classifies error lines by the phrase table (rules/programmer-errors.json), not by code literals
        com.fasterxml.jackson.databind.JsonNode table = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Files.readString(Path.of("rules/programmer-errors.json")));
        List<String> codes = new ArrayList<>();
        table.get("phrases").forEach(p -> {
            String code = p.get("code").asText();
            if (!code.endsWith("*")) { // DEV_* and FUS_*: the code printed in the line, looked up as printed
                codes.add(code);
            }
        });
        assertTrue(codes.size() >= 20, "found only " + codes);
        codes.forEach(c -> assertTrue(book.lookup(c).isPresent(), c + " is not in rules/fus-codes.json"));
        assertTrue(book.lookup("DEV_CONNECT_ERR").isPresent());
    }

    @Test
    void entriesAreCompleteAndFailuresSayWhatToDo() {
        for (CodeBook.Entry e : book.entries()) {
            assertFalse(e.meaning().isBlank(), e.name());
            assertFalse(e.likelyCauses().isEmpty(), e.name() + " has no likely cause");
            if (e.severity().equals("error")) {
                assertFalse(e.remedies().isEmpty(), e.name() + " is an error without a remedy");
            }
            e.remedies().forEach(r -> assertFalse(r.isBlank()));
        }
    }

    @Test
    void fusCodesAreTheStateAndStatusEntries() {
        long fus = book.entries().stream().filter(e -> !e.kind().equals("programmer")).count();
        assertEquals(fus, FusCodes.all().size());
        assertEquals("0x07", FusCodes.lookup("FUS_STATE_ERROR_IMAGE_WRTERROR").orElseThrow().value());
        assertEquals("FUS_STATE_NOT_RUNNING", FusCodes.canonical("RSS_NOT_RUNNING"));
        assertFalse(FusCodes.lookup("NO_TARGET").isPresent(), "programmer codes are no FUS codes");
        assertEquals("programmer", book.lookup("no_target").orElseThrow().kind());
    }

    @Test
    void theSourcesAreCited() throws IOException {
        String json = Files.readString(Path.of("rules/fus-codes.json"));
        assertTrue(json.contains("shci.h"), "the byte values' source");
        Matcher urls = Pattern.compile("https://[^ \"]+").matcher(json);
        int n = 0;
        while (urls.find()) {
            n++;
        }
        assertTrue(n >= 15, n + " sources");
    }
}
