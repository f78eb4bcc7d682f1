package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.diagnose.Diagnosis.Finding;
import dev.fuspath.diagnose.Diagnosis.VersionSeen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bars of issue 11, held against real public STM32CubeProgrammer logs (src/test/resources/logs/real, see its
 * README.md): each log is verbatim from its source ({@code <name>.source.json}) and {@code <name>.expected.json} says
 * what a correct reading finds. For every log: the text is recognised; tool version, interface, device ID, flash size,
 * FUS and stack versions and every operation (kind, outcome, file, address) are as expected; a successful session gets
 * no error-level finding; a failed one gets an error-level finding that names its cause class, not only a code.
 * Logs whose stored copy ends before the end of the session have outcome "unknown": only what they show is checked.
 */
class RealLogCorpusTest {

    private static final String DIR = "logs/real";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Set<String>> CAUSE_CODES = LogFolders.CAUSE_CODES;

    static Stream<String> logs() {
        return LogFolders.logs(DIR);
    }

    private static Path dir() {
        return LogFolders.dir(DIR);
    }

    private static String read(String file) {
        try {
            return Files.readString(dir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String file) {
        try {
            return JSON.readTree(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Test
    void theCorpusHasAtLeast25PublicLogsEachWithItsSourceAndExpectedSession() {
        List<String> names = logs().toList();
        assertTrue(names.size() >= 25, "issue 11 asks for at least 25 real logs; there are " + names.size());
        for (String name : names) {
            JsonNode source = json(name + ".source.json");
            for (String field : List.of("url", "title", "retrieved", "tool", "interface", "part", "thread_conclusion")) {
                assertTrue(source.hasNonNull(field) && !source.get(field).asText().isBlank(), name + ": source " + field);
            }
            assertTrue(source.get("url").asText().startsWith("https://"), name + ": url");
            JsonNode expected = json(name + ".expected.json");
            String outcome = text(expected, "outcome");
            assertTrue(Set.of("success", "failure", "unknown").contains(outcome), name + ": outcome " + outcome);
            if ("failure".equals(outcome)) {
                assertTrue(CAUSE_CODES.containsKey(text(expected, "cause")), name + ": cause class");
            }
            assertTrue(expected.get("operations").isArray(), name + ": operations");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void meetsTheBarsOfIssue11(String name) {
        String log = read(name + ".log");
        JsonNode expected = json(name + ".expected.json");
        ProgrammerSession session = ProgrammerOutputParser.parse(log);
        Diagnosis diagnosis = DiagnoseFixtures.diagnoser().diagnose(log, Diagnoser.Hints.NONE);

        List<Executable> bars = new ArrayList<>();
        bars.add(() -> assertTrue(session.recognized(), "recognised as STM32CubeProgrammer output"));
        bars.add(() -> assertEquals(text(expected, "toolVersion"), session.toolVersion(), "tool version"));
        bars.add(() -> interfaceBar(expected, session));
        bars.add(() -> assertEquals(text(expected, "deviceId"), session.deviceId(), "device ID"));
        bars.add(() -> assertEquals(text(expected, "flashSize"), flashLabel(session), "flash size"));
        bars.add(() -> assertEquals(strings(expected.get("fusVersions")), fusVersions(session), "FUS versions"));
        bars.add(() -> assertEquals(strings(expected.get("stackVersions")), stackVersions(diagnosis), "stack versions"));
        bars.add(() -> operationsBar(expected.get("operations"), session));
        bars.add(() -> outcomeBar(expected, diagnosis));
        assertAll(name, bars.stream());
    }

    private static void interfaceBar(JsonNode expected, ProgrammerSession session) {
        String actual = session.interfaceKind().name();
        if (expected.hasNonNull("interfacesSeen")) {
            List<String> seen = strings(expected.get("interfacesSeen"));
            assertTrue(seen.contains(actual), () -> "interface: expected one of " + seen + " but was " + actual);
        } else {
            assertEquals(text(expected, "interface"), actual, "interface");
        }
    }

    private static String flashLabel(ProgrammerSession s) {
        return s.flashSize() == null || s.flashSize().bytes() < 0 ? null : s.flashSize().label();
    }

    private static List<String> fusVersions(ProgrammerSession s) {
        Set<String> out = new LinkedHashSet<>();
        s.fusVersions().stream().filter(v -> !v.blank()).forEach(v -> out.add(v.text()));
        return List.copyOf(out);
    }

    private static List<String> stackVersions(Diagnosis d) {
        Set<String> out = new LinkedHashSet<>();
        if (d.session() != null) {
            d.session().stackVersions().stream().filter(v -> !v.blank()).map(VersionSeen::version).forEach(out::add);
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String outcomeName(String expected) {
        return switch (expected) {
            case "success" -> "SUCCEEDED";
            case "failure" -> "FAILED";
            default -> "UNKNOWN"; // "unknown" and "never-ended"
        };
    }

    /** Kind names of issue 11 to the parser's kinds; writes, erases, starts and key writes are OTHER today. */
    private static String kindName(String expected) {
        return switch (expected) {
            case "ob" -> "OPTIONBYTES";
            case "read", "fwupgrade", "fwdelete", "startfus", "startwirelessstack", "antirollback" ->
                    expected.toUpperCase(Locale.ROOT);
            default -> "OTHER";
        };
    }

    private static void operationsBar(JsonNode expectedOps, ProgrammerSession session) {
        List<Operation> actual = session.operations().stream().filter(o -> o.kind() != Operation.Kind.CONNECT).toList();
        List<String> want = new ArrayList<>();
        expectedOps.forEach(o -> want.add(kindName(text(o, "kind")) + " " + outcomeName(text(o, "outcome"))));
        List<String> got = actual.stream().map(o -> o.kind() + " " + o.outcome()).toList();
        assertEquals(want, got, "operations (kind outcome, in order; connections left out)");
        for (int i = 0; i < actual.size(); i++) {
            JsonNode o = expectedOps.get(i);
            Operation a = actual.get(i);
            String file = text(o, "file");
            if (file != null) {
                assertEquals(baseName(file), a.file() == null ? null : baseName(a.file()), "file of operation " + (i + 1));
            }
            String address = text(o, "address");
            if (address != null) {
                assertEquals(Long.decode(address), a.address(), "address of operation " + (i + 1));
            }
        }
    }

    /** The file name without its folder: the tool prints the path it was given, or only the name. */
    private static String baseName(String file) {
        return file.replaceAll("^.*[\\\\/]", "");
    }

    private static void outcomeBar(JsonNode expected, Diagnosis d) {
        List<Finding> errors = d.findings().stream().filter(f -> f.severity().equals(Diagnosis.ERROR)).toList();
        Supplier<String> all = () -> d.findings().stream().map(f -> f.severity() + " " + f.code()).toList().toString();
        switch (text(expected, "outcome")) {
            case "success" -> assertTrue(errors.isEmpty(), () -> "successful session, yet error-level findings: "
                    + all.get());
            case "failure" -> {
                String cause = text(expected, "cause");
                Set<String> codes = CAUSE_CODES.get(cause);
                boolean named = codes.isEmpty() ? !errors.isEmpty()
                        : errors.stream().anyMatch(f -> codes.contains(f.code()));
                assertTrue(named, () -> "failed session (" + cause + "): no error-level finding naming it among "
                        + all.get());
            }
            case "unknown" -> assertEquals("cubeprogrammer", d.input().kind(), "read as a CubeProgrammer log");
            default -> fail("outcome " + text(expected, "outcome"));
        }
    }
}
