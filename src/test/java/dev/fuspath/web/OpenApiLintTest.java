package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * openapi/openapi.yaml is strictly valid: {@code scripts/lint-openapi.sh} runs {@code @redocly/cli lint} (installed
 * with npm into target/tools) and this test fails on any error it reports. Where npm or its registry is absent the
 * script exits 3 and the test is skipped with the script's reason.
 */
class OpenApiLintTest {

    private record Run(int exit, String output) {
    }

    private static Run lint(Path spec) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/lint-openapi.sh", spec.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // the script bounds npm with a timeout
        if (!p.waitFor(7, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("lint-openapi.sh did not finish in 7 minutes");
        }
        Run run = new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        Assumptions.assumeTrue(run.exit() != 3, () -> "skipped: " + run.output().strip());
        return run;
    }

    @Test
    void theContractHasNoLintError() throws Exception {
        Run run = lint(Path.of("openapi/openapi.yaml"));
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("valid"), run.output());
    }

    /** The lint really reads the file: the issue-14 spelling (nullable beside allOf, no type) is an error again. */
    @Test
    void theOldNullableSpellingIsAnError() throws Exception {
        String contract = Files.readString(Path.of("openapi/openapi.yaml"));
        String old = """
                          allOf:
                            - $ref: '#/components/schemas/DiagnosisSession'
                          nullable: true
                """;
        String now = """
                          oneOf:
                            - $ref: '#/components/schemas/DiagnosisSession'
                            - type: object
                              nullable: true
                              not:
                                type: object
                """;
        assertTrue(contract.contains(now), "Diagnosis.session is spelled as this test expects");
        Path copy = Files.createTempFile(Path.of("target"), "openapi-old-nullable", ".yaml");
        try {
            Files.writeString(copy, contract.replace(now, old));
            Run run = lint(copy);
            assertEquals(1, run.exit(), run.output());
            assertTrue(List.of(run.output().split("\n")).stream()
                    .anyMatch(l -> l.contains("error") && l.contains("nullable-type-sibling")), run.output());
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
