package dev.fuspath.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.TestImages;
import dev.fuspath.testing.UpstreamBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InspectorTest {

    private final Inspector inspector = InspectFixtures.inspector();

    private static List<String> codes(InspectReport r, String severity) {
        return r.findings().stream().filter(f -> f.severity().equals(severity)).map(Finding::code).toList();
    }

    private static List<String> nameErrors(InspectReport r) {
        return codes(r, "error").stream().filter(c -> c.startsWith("name-")).toList();
    }

    @Test
    void unknownSyntheticStackTakesItsKindFromTheFooter() {
        byte[] image = TestImages.stack().payloadSize(12_000).seed(101).build();
        InspectReport r = inspector.inspect(null, image);
        assertEquals("stack", r.kind());
        assertEquals("1.13.3", r.version());
        assertEquals(image.length, r.size());
        assertEquals(Sha256.of(image), r.sha256());
        assertNull(r.filename());
        assertNull(r.stack(), "no name, no stack name");
        assertFalse(r.identity().known());
        assertTrue(r.identity().occurrences().isEmpty());
        assertNull(r.identity().record());
        assertEquals(List.of("unknown-binary"), codes(r, "warning"));
        assertEquals(List.of(), codes(r, "error"));
        assertFalse(r.hasErrors());
        assertEquals("valid", r.footer().status());
    }

    @Test
    void unknownFusV2StackGetsTheFusV2Info() {
        InspectReport r = inspector.inspect("stm32wb5x_BLE_Stack_full_fw.bin", TestImages.fusV2Stack().build());
        assertEquals("stack", r.kind());
        assertEquals("BLE_Stack_full", r.stack());
        assertTrue(r.fusV2Only());
        assertTrue(codes(r, "info").contains("fus-v2-only"), r.findings().toString());
        assertEquals(List.of(), codes(r, "error"));
    }

    @Test
    void garbageIsInvalid() {
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        InspectReport r = inspector.inspect("stm32wb5x_BLE_Stack_full_fw.bin", garbage);
        assertEquals("invalid", r.kind());
        assertNull(r.version());
        assertTrue(r.hasErrors());
        assertEquals(List.of("no-signature-footer"), codes(r, "error"), r.findings().toString());
        assertEquals(List.of("unknown-binary"), codes(r, "warning"));
        assertEquals("invalid", r.footer().status());
    }

    @Test
    void emptyIsAPlaceholderWithAnError() {
        InspectReport r = inspector.inspect(null, new byte[0]);
        assertEquals("placeholder", r.kind());
        assertEquals(0, r.size());
        assertEquals("empty", r.footer().status());
        assertTrue(codes(r, "error").contains("empty"), r.findings().toString());
        assertFalse(codes(r, "warning").contains("unknown-binary"));
    }

    @Test
    void fusContentNamedAsAStack() {
        InspectReport r = inspector.inspect("stm32wb5x_BLE_Stack_full_fw.bin", TestImages.fus().seed(102).build());
        assertEquals("fus", r.kind());
        assertNull(r.stack());
        assertEquals(List.of("name-kind-mismatch"), codes(r, "error"), r.findings().toString());
    }

    @Test
    void stackContentNamedAsFus() {
        InspectReport r = inspector.inspect("stm32wb5x_FUS_fw.bin", TestImages.stack().seed(103).build());
        assertEquals(List.of("name-kind-mismatch"), codes(r, "error"), r.findings().toString());
    }

    @Test
    void legacySafebootNamedAsSafebootIsFine() {
        InspectReport r = inspector.inspect("stm32wb5x_Safeboot_fw_1_2_0.bin", TestImages.legacySafeboot().build());
        assertEquals("safeboot", r.kind());
        assertEquals("1.2.0", r.version());
        assertEquals(List.of(), codes(r, "error"), r.findings().toString());
    }

    @Test
    void twoKibPageContentNamedForAFourKibPageFamily() {
        // 8,104 bytes: 4 pages of 2 KiB (STM32WB1x), 2 pages of 4 KiB
        TestImages.Builder b = TestImages.stack().pageSize(2048).payloadSize(8000).seed(104);
        assertEquals(4, b.pages());
        byte[] image = b.build();
        InspectReport wb5 = inspector.inspect("stm32wb5x_BLE_Stack_full_fw.bin", image);
        assertEquals(List.of("name-family-mismatch"), codes(wb5, "error"), wb5.findings().toString());
        assertTrue(wb5.findings().stream().anyMatch(f -> f.message().contains("STM32WB1x")));
        InspectReport wb1 = inspector.inspect("stm32wb1x_BLE_Stack_full_fw.bin", image);
        assertEquals(List.of(), codes(wb1, "error"), wb1.findings().toString());
    }

    @Test
    void fourKibPageContentNamedForTheTwoKibPageFamily() {
        InspectReport r = inspector.inspect("stm32wb1x_BLE_Stack_full_fw.bin",
                TestImages.stack().payloadSize(8000).seed(105).build());
        assertEquals(List.of("name-family-mismatch"), codes(r, "error"), r.findings().toString());
        assertEquals(List.of(), codes(inspector.inspect("stm32wb3x_BLE_Stack_full_fw.bin",
                TestImages.stack().payloadSize(8000).seed(105).build()), "error"));
    }

    @Test
    void nameVersionAgainstFooterVersion() {
        byte[] image = TestImages.stack().version(0x010D0302L).seed(106).build();
        InspectReport wrong = inspector.inspect("stm32wb5x_BLE_Stack_full_fw_1.13.0.bin", image);
        assertEquals(List.of("name-version-mismatch"), codes(wrong, "error"), wrong.findings().toString());
        InspectReport right = inspector.inspect("stm32wb5x_BLE_Stack_full_fw_v1_13_3.bin", image);
        assertEquals(List.of(), codes(right, "error"), "build 2 does not make 1.13.3 another release");
    }

    @Test
    void unknownBytesAreNeverAStackMismatch() {
        InspectReport r = inspector.inspect("stm32wb5x_Thread_FTD_fw.bin", TestImages.stack().seed(107).build());
        assertEquals("Thread_FTD", r.stack());
        assertEquals(List.of(), codes(r, "error"));
    }

    @Test
    void namesThatCannotBeChecked() {
        byte[] image = TestImages.stack().seed(108).build();
        InspectReport random = inspector.inspect("random.bin", image);
        assertEquals(List.of("unknown-binary", "name-unrecognized"), codes(random, "warning"));
        InspectReport wb9 = inspector.inspect("some/folder/stm32wb9x_BLE_Stack_full_fw.bin", image);
        assertEquals(List.of("unknown-binary", "name-family-unknown"), codes(wb9, "warning"));
        assertEquals(List.of(), codes(wb9, "error"));
    }

    /**
     * Upstream shipped empty placeholders (stm32wb5x_FUS_fw_1_0_2.bin, v1.11.1), so every empty file is "known" with
     * that record's version 1.0.2 and families, and its name is checked against them.
     */
    @Test
    void emptyFileIsNotCheckedAgainstThePlaceholderRecord() {
        InspectReport r = inspector.inspect("stm32wb1x_Safeboot_fw_2_0_0.bin", new byte[0]);
        assertEquals("placeholder", r.kind());
        assertNull(r.version(), "a placeholder has no version");
        assertEquals(List.of(), nameErrors(r), "an empty file has no family or version to disagree with its name: "
                + r.findings());
    }

    // ---- with the real upstream bytes

    @Test
    void fusForFus053IsFus120ByIdentity() {
        UpstreamBundle.assumePresent();
        BinaryRecord rec = InspectFixtures.record("v1.11.1", "STM32WB5x", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        InspectReport r = inspector.inspect("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", InspectFixtures.upstreamBytes(rec));
        assertEquals("fus", r.kind());
        assertEquals("1.2.0", r.version());
        assertNull(r.footer().version());
        assertEquals("0xFFFFFFFF", r.footer().versionWord());
        assertTrue(r.identity().known());
        assertTrue(r.identity().occurrences().stream().anyMatch(o -> o.tag().equals("v1.24.0")));
        List<String> infos = codes(r, "info");
        assertTrue(infos.containsAll(List.of("known-binary", "version-by-identity", "for-fus")), infos.toString());
        assertFalse(infos.contains("renamed"));
        assertEquals(List.of(), codes(r, "error"), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("for-fus")
                && f.message().contains("0.5.3") && f.message().contains("FUS 1.2.0 itself")));
    }

    @Test
    void renamedStackIsCaughtByIdentity() {
        UpstreamBundle.assumePresent();
        BinaryRecord rec = InspectFixtures.record("v1.24.0", "STM32WB5x", "stm32wb5x_BLE_Stack_full_fw.bin");
        InspectReport r = inspector.inspect("stm32wb5x_BLE_HCILayer_fw_1.13.0.bin", InspectFixtures.upstreamBytes(rec));
        assertEquals("stack", r.kind());
        assertEquals("BLE_Stack_full", r.stack());
        assertEquals("1.24.0", r.version());
        assertTrue(r.identity().known());
        assertEquals(Set.of("name-stack-mismatch", "name-version-mismatch"), Set.copyOf(codes(r, "error")),
                r.findings().toString());
        assertTrue(codes(r, "info").contains("renamed"));
    }

    /**
     * Every distinct upstream blob, under every name upstream gave it, is known and draws no name error, except the
     * Safeboot 2.0.0 bytes upstream also shipped as stm32wb*x_Safeboot_fw_v1.2.0.bin in v1.23.0 (the catalog's
     * name-version-mismatch anomalies): that name really disagrees with the content.
     */
    @Test
    void everyUpstreamBinaryMatchesEveryNameUpstreamGaveIt() {
        UpstreamBundle.assumePresent();
        List<UpstreamBundle.UpstreamFile> files = UpstreamBundle.distinctBinaries();
        assertEquals(InspectFixtures.catalog().distinctBinaryCount(), files.size());
        List<String> failures = new ArrayList<>();
        Set<String> upstreamMisnamed = new TreeSet<>();
        int inspected = 0;
        for (UpstreamBundle.UpstreamFile f : files) {
            Set<String> names = new TreeSet<>();
            InspectFixtures.catalog().occurrences(Sha256.of(f.bytes())).forEach(o -> names.add(o.file()));
            if (!names.contains(f.file())) {
                failures.add(f.tag() + " " + f.family() + "/" + f.file() + ": the catalog knows it only as " + names);
            }
            for (String name : names) {
                InspectReport r = inspector.inspect(name, f.bytes());
                inspected++;
                List<String> errors = nameErrors(r);
                if (name.endsWith("_Safeboot_fw_v1.2.0.bin") && errors.equals(List.of("name-version-mismatch"))
                        && "2.0.0".equals(r.version())) {
                    upstreamMisnamed.add(name);
                } else if (!r.identity().known() || !errors.isEmpty()) {
                    failures.add(f.tag() + " " + f.family() + "/" + f.file() + " as " + name + ": known="
                            + r.identity().known() + " " + errors);
                }
                if (codes(r, "info").contains("renamed")) {
                    failures.add(name + " reported as renamed under a name upstream gave it");
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(Set.of("stm32wb1x_Safeboot_fw_v1.2.0.bin", "stm32wb3x_Safeboot_fw_v1.2.0.bin",
                "stm32wb5x_Safeboot_fw_v1.2.0.bin"), upstreamMisnamed);
        assertTrue(inspected >= files.size());
    }
}
