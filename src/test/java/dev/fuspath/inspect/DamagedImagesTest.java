package dev.fuspath.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fuspath.catalog.FooterView;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.FooterProblem;
import dev.fuspath.image.FooterReader;
import dev.fuspath.image.FooterReading;
import dev.fuspath.image.ImageFooter;
import dev.fuspath.image.ImageType;
import dev.fuspath.image.Signer;
import dev.fuspath.testing.UpstreamBundle;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Damaged images never make the footer reader or the inspector throw, and what they say stays consistent. */
class DamagedImagesTest {

    private static final Set<String> KINDS = Set.of("fus", "stack", "safeboot", "placeholder", "invalid", "other");
    private static final String[] NAMES = {null, "", "x.bin", "stm32wb5x_BLE_Stack_full_fw.bin",
        "stm32wb1x_FUS_fw_for_fus_0_5_3.bin", "stm32wb3x_Safeboot_fw_v1.2.0.bin", "stm32wb9x_Zigbee_FFD_fw_9.9.9.bin",
        "a/b\\stm32wb5x_BLE_HCILayer_fw_1_13_0 (2).bin"};

    private final Inspector inspector = InspectFixtures.inspector();

    @Test
    void damagedSyntheticImages() {
        Map<String, Integer> outcomes = run(InspectFixtures.syntheticImages(), null, 20260301L, 1500);
        assertTrue(outcomes.getOrDefault("valid", 0) > 20, "some damage leaves the footers readable: " + outcomes);
        assertReachesTheMainProblems(outcomes);
    }

    @Test
    void damagedUpstreamImages() {
        UpstreamBundle.assumePresent();
        List<UpstreamBundle.UpstreamFile> files = UpstreamBundle.distinctBinaries();
        List<byte[]> images = files.stream().map(UpstreamBundle.UpstreamFile::bytes).filter(b -> b.length > 0).toList();
        List<String> names = files.stream().filter(f -> f.bytes().length > 0).map(UpstreamBundle.UpstreamFile::file)
                .toList();
        Map<String, Integer> outcomes = run(images, names, 20251023L, 2000);
        assertTrue(outcomes.getOrDefault("valid", 0) > 20, outcomes.toString());
        assertReachesTheMainProblems(outcomes);
    }

    private static void assertReachesTheMainProblems(Map<String, Integer> outcomes) {
        for (String code : List.of("no-signature-footer", "unknown-image-magic", "bad-signature-length")) {
            assertTrue(outcomes.containsKey(code), "damage never led to " + code + ": " + outcomes);
        }
    }

    /** Damages random images {@code iterations} times; returns how often each first problem code (or valid) came up. */
    private Map<String, Integer> run(List<byte[]> images, List<String> upstreamNames, long seed, int iterations) {
        Damage damage = new Damage(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < iterations; i++) {
                int pick = damage.random().nextInt(images.size());
                byte[] original = images.get(pick);
                byte[] damaged = damage.apply(original, images.get(damage.random().nextInt(images.size())));
                String name = upstreamNames != null && damage.random().nextBoolean() ? upstreamNames.get(pick)
                        : NAMES[damage.random().nextInt(NAMES.length)];
                String what = "iteration " + i + " (seed " + seed + "), " + damaged.length + " bytes ending "
                        + tail(damaged);
                FooterReading reading = readConsistently(damaged, what);
                inspectConsistently(name, damaged, reading, what);
                String outcome = reading.valid() ? "valid" : reading.problems().stream().filter(FooterProblem::error)
                        .map(FooterProblem::code).findFirst().orElse("?");
                outcomes.merge(outcome, 1, Integer::sum);
            }
        });
        return outcomes;
    }

    private static FooterReading readConsistently(byte[] bytes, String what) {
        FooterReading r;
        try {
            r = FooterReader.read(bytes);
        } catch (RuntimeException e) {
            throw new AssertionError("FooterReader.read threw on " + what, e);
        }
        assertNotNull(r, what);
        assertEquals(bytes.length, r.size(), what);
        assertEquals(bytes.length == 0, r.empty(), what);
        assertEquals(r, FooterReader.read(bytes), "same bytes, same reading: " + what);
        boolean hasError = r.problems().stream().anyMatch(FooterProblem::error);
        assertEquals(r.footer() != null && !hasError, r.valid(), what);
        if (r.valid()) {
            assertNotNull(r.footer(), what);
        }
        if (r.footer() == null) {
            assertTrue(hasError, "no footer but no error: " + what);
            return r;
        }
        ImageFooter f = r.footer();
        assertTrue(f.offset() >= 0 && f.offset() + 40 + f.signatureLength() <= bytes.length,
                "footer at " + f.offset() + " does not fit: " + what);
        assertTrue(f.signatureLength() >= 1 && f.signatureLength() <= 255, what);
        assertEquals(ImageType.ofMagic(f.magic()), f.type(), what);
        assertNotNull(f.type(), what);
        assertEquals(FirmwareVersion.fromWord(f.versionWord()), f.version(), what);
        assertEquals(f.memoryWord() & 0xFF, f.flashPages(), what);
        assertEquals(f.flashPages() == 0, r.problems().stream().anyMatch(p -> p.code().equals("no-flash-size")), what);
        assertEquals(f.signer() == Signer.ST, f.signatureMagic() == FooterReader.ST_SIGNATURE_MAGIC, what);
        return r;
    }

    private void inspectConsistently(String name, byte[] bytes, FooterReading reading, String what) {
        InspectReport r;
        try {
            r = inspector.inspect(name, bytes);
        } catch (RuntimeException e) {
            throw new AssertionError("Inspector.inspect threw on " + what + " named " + name, e);
        }
        assertEquals(bytes.length, r.size(), what);
        assertEquals(Sha256.of(bytes), r.sha256(), what);
        assertTrue(KINDS.contains(r.kind()), r.kind());
        assertEquals(FooterView.of(reading), r.footer(), what);
        boolean known = InspectFixtures.catalog().record(r.sha256()).isPresent();
        assertEquals(known, r.identity().known(), what);
        if (!known) {
            assertEquals(r.footer().kind().label(), r.kind(), what);
            assertEquals(r.footer().version(), r.version(), what);
            if (!r.kind().equals("placeholder")) {
                assertTrue(r.findings().stream().anyMatch(x -> x.code().equals("unknown-binary")), what);
            }
        }
        if (!reading.valid() && !r.hasErrors()) {
            fail("an unreadable footer must give an error finding: " + what + " " + r.findings());
        }
    }

    private static String tail(byte[] bytes) {
        int n = Math.min(bytes.length, 24);
        return HexFormat.of().formatHex(bytes, bytes.length - n, bytes.length);
    }
}
