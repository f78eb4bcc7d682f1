package dev.fuspath.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirmwareVersionTest {

    @Test
    void parsesTheWrittenForms() {
        assertEquals(FirmwareVersion.of(1, 2, 0), FirmwareVersion.parse("1.2.0"));
        assertEquals(FirmwareVersion.of(1, 2, 0), FirmwareVersion.parse("v1.2.0"));
        assertEquals(FirmwareVersion.of(1, 13, 0), FirmwareVersion.parse("V1.13"));
        assertEquals(FirmwareVersion.of(1, 24, 0), FirmwareVersion.parse(" v1.24.0 "));
        assertEquals(FirmwareVersion.of(255, 255, 255), FirmwareVersion.parse("255.255.255"));
        assertEquals(FirmwareVersion.of(0, 5, 3), FirmwareVersion.parse("000.005.003"));
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        for (String text : new String[] {null, "", " ", "1", "v", "1.", "1.2.", ".1.2", "1..2", "1.2.3.4", "a.b.c",
                "1.2.x", "v1.2.0-rc1", "1,2,0", "vv1.2", "1.2.0v", "256.0.0", "1.256.0", "1.2.256", "1000.0.0",
                "-1.2.3", "+1.2.3", "1.2.3\u0000", "\u0661.\u0662.\u0663", "1.0.0 / 2"}) {
            assertNull(FirmwareVersion.parse(text), "parsed " + text);
        }
    }

    @Test
    void fromWordDecodesEveryField() {
        FirmwareVersion v = FirmwareVersion.fromWord(0x010D0302L);
        assertEquals(new FirmwareVersion(1, 13, 3, 0, 2), v);
        assertEquals(0x010D0302L, v.word());
        FirmwareVersion all = FirmwareVersion.fromWord(0xFFFFFFFEL);
        assertEquals(new FirmwareVersion(255, 255, 255, 15, 14), all);
        assertEquals(0xFFFFFFFEL, all.word());
        assertEquals(new FirmwareVersion(0, 0, 0, 0, 0), FirmwareVersion.fromWord(0));
        assertEquals(new FirmwareVersion(2, 1, 0, 3, 0), FirmwareVersion.fromWord(0x02010030L));
    }

    @Test
    void fromWordHasNoVersionForUnsetOrOutOfRangeWords() {
        assertNull(FirmwareVersion.fromWord(0xFFFFFFFFL));
        assertNull(FirmwareVersion.fromWord(-1));
        assertNull(FirmwareVersion.fromWord(0x1_0000_0000L));
    }

    @Test
    void wordRoundTrips() {
        for (long word : new long[] {0, 1, 0x01180003L, 0x02020000L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFF00L}) {
            assertEquals(word, FirmwareVersion.fromWord(word).word(), Long.toHexString(word));
        }
    }

    @Test
    void constructorRejectsOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(256, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(0, -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(0, 0, 256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(0, 0, 0, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(0, 0, 0, 0, 16));
    }

    @Test
    void ordersByMajorMinorSubNumerically() {
        List<FirmwareVersion> versions = new ArrayList<>();
        for (String v : new String[] {"1.13.3", "1.2.0", "v1.24.0", "0.5.3", "1.10.0", "2.0.0", "1.9.1", "1.13.0"}) {
            versions.add(FirmwareVersion.parse(v));
        }
        Collections.sort(versions);
        assertEquals("[0.5.3, 1.2.0, 1.9.1, 1.10.0, 1.13.0, 1.13.3, 1.24.0, 2.0.0]", versions.toString());
    }

    @Test
    void branchAndBuildDoNotOrderButDoDistinguish() {
        FirmwareVersion plain = FirmwareVersion.of(1, 13, 3);
        FirmwareVersion build2 = FirmwareVersion.fromWord(0x010D0302L);
        assertEquals(0, plain.compareTo(build2));
        assertTrue(plain.sameRelease(build2));
        assertFalse(plain.equals(build2));
        assertFalse(plain.sameRelease(null));
        assertFalse(plain.sameRelease(FirmwareVersion.of(1, 13, 2)));
        assertTrue(FirmwareVersion.of(1, 13, 2).compareTo(plain) < 0);
    }

    @Test
    void toStringIsMajorMinorSub() {
        assertEquals("1.13.3", FirmwareVersion.fromWord(0x010D0302L).toString());
        assertEquals("1.2.0", FirmwareVersion.parse("V1.2").toString());
        assertEquals("255.255.255", FirmwareVersion.fromWord(0xFFFFFF00L).toString());
    }
}
