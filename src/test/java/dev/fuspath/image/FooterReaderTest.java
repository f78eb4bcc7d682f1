package dev.fuspath.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.FooterView;
import dev.fuspath.catalog.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FooterReaderTest {

    private static List<String> codes(FooterReading r) {
        return r.problems().stream().map(FooterProblem::code).toList();
    }

    private static void assertOnlyError(FooterReading r, String code) {
        assertFalse(r.valid(), "valid despite " + code + ": " + r);
        assertEquals(List.of(code), codes(r), r.toString());
        assertTrue(r.problems().get(0).error(), code + " must be an error");
    }

    @Test
    void legacyStackDecodesEveryField() {
        byte[] image = TestImages.stack().payloadSize(10_000).sram(0, 13).version(0x010D0302L).build();
        FooterReading r = FooterReader.read(image);

        assertTrue(r.valid(), r.toString());
        assertEquals(List.of(), r.problems());
        assertEquals(image.length, r.size());
        ImageFooter f = r.footer();
        assertEquals(Signer.ST, f.signer());
        assertEquals(FooterReader.ST_SIGNATURE_MAGIC, f.signatureMagic());
        assertEquals(64, f.signatureLength());
        assertEquals(10_000, f.offset());
        assertEquals(ImageType.STACK, f.type());
        assertEquals(0x23372991L, f.magic());
        assertEquals(0x010D0302L, f.versionWord());
        assertEquals(new FirmwareVersion(1, 13, 3, 0, 2), f.version());
        assertEquals("1.13.3", f.version().toString());
        assertEquals(2, f.version().build());
        // 10,104 bytes take 3 pages of 4 KiB
        assertEquals(0x000DFF03L, f.memoryWord());
        assertEquals(3, f.flashPages());
        assertEquals(0, f.sram2aKib());
        assertEquals(13, f.sram2bKib());
        assertEquals(0xABCDABCDL, f.info1());
        assertEquals(0xABCDABCDL, f.info2());
        assertFalse(f.fusV2Only());
        assertFalse(f.legacySafeboot());

        FooterView view = FooterView.of(r);
        assertEquals("valid", view.status());
        assertEquals("stack", view.type());
        assertEquals("legacy", view.format());
        assertEquals("0x010D0302", view.versionWord());
        assertEquals(Kind.STACK, view.kind());
    }

    @Test
    void memoryWordBytesMapToSram2aSram2bAndPages() {
        byte[] image = TestImages.stack().memoryWord(0x20_0D_FF_C8L).build();
        ImageFooter f = FooterReader.read(image).footer();
        assertEquals(0x20, f.sram2aKib());
        assertEquals(0x0D, f.sram2bKib());
        assertEquals(0xC8, f.flashPages());
    }

    @Test
    void fusV2StackIsFusV2Only() {
        FooterReading r = FooterReader.read(TestImages.fusV2Stack().build());
        assertTrue(r.valid(), r.toString());
        assertEquals(ImageType.STACK_FUS_V2, r.footer().type());
        assertTrue(r.footer().fusV2Only());
        FooterView view = FooterView.of(r);
        assertEquals("fus-v2", view.format());
        assertEquals("stack", view.type());
        assertTrue(view.fusV2Only());
        assertEquals(Kind.STACK, view.kind());
    }

    @Test
    void fusWithUnsetVersionIsValidWithNote() {
        FooterReading r = FooterReader.read(TestImages.fus().version(0xFFFFFFFFL).build());
        assertTrue(r.valid(), r.toString());
        assertEquals(ImageType.FUS, r.footer().type());
        assertNull(r.footer().version());
        assertEquals(0xFFFFFFFFL, r.footer().versionWord());
        assertEquals(List.of("version-unset"), codes(r));
        assertFalse(r.problems().get(0).error());
        FooterView view = FooterView.of(r);
        assertNull(view.version());
        assertEquals(Kind.FUS, view.kind());
    }

    @Test
    void safebootMagic() {
        FooterReading r = FooterReader.read(TestImages.safeboot().build());
        assertTrue(r.valid());
        assertEquals(ImageType.SAFEBOOT, r.footer().type());
        assertFalse(r.footer().legacySafeboot());
        assertEquals("safeboot", FooterView.of(r).type());
        assertEquals(Kind.SAFEBOOT, FooterView.of(r).kind());
    }

    @Test
    void legacySafebootIsStackMagicWithSafebootInfo1() {
        FooterReading r = FooterReader.read(TestImages.legacySafeboot().build());
        assertTrue(r.valid());
        assertEquals(ImageType.STACK, r.footer().type());
        assertEquals(0x5AFEB007L, r.footer().info1());
        assertTrue(r.footer().legacySafeboot());
        FooterView view = FooterView.of(r);
        assertEquals("safeboot", view.type());
        assertEquals(Kind.SAFEBOOT, view.kind());
    }

    @Test
    void otherMagicIsKindOther() {
        FooterReading r = FooterReader.read(TestImages.image().magic(TestImages.OTHER_MAGIC).build());
        assertTrue(r.valid());
        assertEquals(ImageType.OTHER, r.footer().type());
        assertEquals(Kind.OTHER, FooterView.of(r).kind());
    }

    @Test
    void customerSignatureOnTopStillFindsStFooter() {
        TestImages.Builder b = TestImages.fus().payloadSize(5000).customerSigned(0x11223344L);
        byte[] image = b.build();
        FooterReading r = FooterReader.read(image);
        assertTrue(r.valid(), r.toString());
        assertEquals(List.of("customer-signed"), codes(r));
        assertFalse(r.problems().get(0).error());
        ImageFooter f = r.footer();
        assertEquals(Signer.CUSTOMER, f.signer());
        assertEquals(0x11223344L, f.signatureMagic());
        assertEquals(5000, f.offset());
        assertEquals(ImageType.FUS, f.type());
        assertEquals(FirmwareVersion.of(1, 2, 0), f.version());
        assertEquals(b.pages(), f.flashPages());
        assertEquals("customer", FooterView.of(r).signer());
    }

    @Test
    void emptyAndNull() {
        for (byte[] bytes : new byte[][] {new byte[0], null}) {
            FooterReading r = FooterReader.read(bytes);
            assertOnlyError(r, "empty");
            assertTrue(r.empty());
            assertNull(r.footer());
            assertEquals("empty", FooterView.of(r).status());
            assertEquals(Kind.PLACEHOLDER, FooterView.of(r).kind());
        }
    }

    @Test
    void shorterThanBothFooters() {
        for (int size : new int[] {1, 4, 20, 39}) {
            FooterReading r = FooterReader.read(new byte[size]);
            assertOnlyError(r, "too-short");
            assertEquals(size, r.size());
            assertFalse(r.empty());
            assertEquals(Kind.INVALID, FooterView.of(r).kind());
        }
    }

    @Test
    void lastWordNotASignatureMagic() {
        assertOnlyError(FooterReader.read(TestImages.stack().signatureMagic(0xFEFEFEFEL).build()), "no-signature-footer");
        assertOnlyError(FooterReader.read(new byte[4096]), "no-signature-footer");
        byte[] ones = new byte[4096];
        Arrays.fill(ones, (byte) 0xFF);
        assertOnlyError(FooterReader.read(ones), "no-signature-footer");
    }

    @Test
    void signatureLengthZeroOrBeyondTheFile() {
        assertOnlyError(FooterReader.read(TestImages.stack().signatureLengthByte(0).build()), "bad-signature-length");
        // 0xFF bytes of signature do not fit when the payload is tiny
        byte[] small = TestImages.stack().payloadSize(0).signatureLengthByte(0xFF).build();
        assertOnlyError(FooterReader.read(small), "bad-signature-length");
    }

    @Test
    void signatureLengthIsWhatLocatesTheImageFooter() {
        // a length byte of 32 reads the image footer 32 bytes further on, inside the signature
        byte[] image = TestImages.stack().signatureLengthByte(32).build();
        FooterReading r = FooterReader.read(image);
        assertEquals(List.of("unknown-image-magic"), codes(r), r.toString());
    }

    @Test
    void unknownImageMagic() {
        assertOnlyError(FooterReader.read(TestImages.image().magic(0x12345678L).build()), "unknown-image-magic");
    }

    @Test
    void zeroFlashPagesKeepsTheFooter() {
        FooterReading r = FooterReader.read(TestImages.stack().flashPages(0).build());
        assertOnlyError(r, "no-flash-size");
        assertNotNull(r.footer(), "the footer is still reported");
        assertEquals(0, r.footer().flashPages());
        FooterView view = FooterView.of(r);
        assertEquals("invalid", view.status());
        assertEquals(Kind.INVALID, view.kind());
        assertEquals(0, view.flashPages());
    }

    @Test
    void smallestPossibleImage() {
        // no payload, a 1-byte signature: 41 bytes
        byte[] image = new byte[41];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16, (int) TestImages.STACK_MAGIC);
        b.putInt(8, 1);
        b.putInt(12, 0x01000000);
        b.put(21 + 8, (byte) 1);
        b.putInt(37, (int) TestImages.ST_SIGNATURE_MAGIC);
        FooterReading r = FooterReader.read(image);
        assertTrue(r.valid(), r.toString());
        assertEquals(0, r.footer().offset());
        assertEquals(1, r.footer().signatureLength());
        assertEquals("1.0.0", r.footer().version().toString());
    }

    @Test
    void hugeInputsAreReadFromTheEndOnly() {
        byte[] trailer = TestImages.stack().payloadSize(0).flashPages(200).build();
        byte[] withFooter = new byte[64 * 1024 * 1024];
        System.arraycopy(trailer, 0, withFooter, withFooter.length - trailer.length, trailer.length);
        byte[] zeros = new byte[64 * 1024 * 1024];
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            FooterReading r = FooterReader.read(withFooter);
            assertTrue(r.valid(), r.toString());
            assertEquals(withFooter.length - TestImages.TRAILER_SIZE, r.footer().offset());
            assertEquals(200, r.footer().flashPages());
            assertOnlyError(FooterReader.read(zeros), "no-signature-footer");
        });
    }
}
