package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FusCodesTest {

    @Test
    void spellingsMapToCanonicalNames() {
        assertEquals("FUS_IDLE", FusCodes.canonical("FUS_IDLE"));
        assertEquals("FUS_IDLE", FusCodes.canonical("fus_state_idle"));
        assertEquals("FUS_ERROR", FusCodes.canonical("ERROR_STATE"));
        assertEquals("FUS_IMG_NOT_FOUND", FusCodes.canonical("FUS_IMAGE_NOT_FOUND"));
        assertEquals("FUS_IMG_NOT_FOUND", FusCodes.canonical("FUS_STATE_IMG_NOT_FOUND"));
        assertEquals("FUS_IMG_NOT_FOUND", FusCodes.canonical("IMG_NOT_FOUND"));
        assertEquals("FUS_IMG_CORRUPT", FusCodes.canonical("FUS_SATE_IMC_CORRUPT"));
        assertEquals("FUS_IMG_NOT_AUTHENTIC", FusCodes.canonical("FUS_STATE_IMAGE_NOT_AUTHENTIC"));
        assertEquals("FUS_NO_ENOUGH_SPACE", FusCodes.canonical("NO_ENOUGH_SPACE"));
        assertEquals("FUS_STATE_NOT_RUNNING", FusCodes.canonical("FUS_NOT_RUNNING"));
        assertEquals("FUS_FLASH_ERROR", FusCodes.canonical("FUS_STATE_FLASH_ERROR"));
        assertEquals("SOMETHING_ELSE", FusCodes.canonical("something_else"));
        assertFalse(FusCodes.lookup(null).isPresent());
    }

    @Test
    void everyNameInTheBriefIsExplained() {
        for (String n : new String[] {"FUS_IDLE", "FUS_FW_UPGRD_ONGOING", "FUS_SERVICE_ONGOING", "ERROR_STATE",
                "IMG_NOT_FOUND", "IMG_CORRUPT", "IMG_NOT_AUTHENTIC", "NO_ENOUGH_SPACE", "IMAGE_USRABORT",
                "IMAGE_ERSERROR", "IMAGE_WRTERROR", "AUTH_TAG_ST_NOTFOUND", "AUTH_TAG_CUST_NOTFOUND", "AUTH_KEY_LOCKED",
                "FW_ROLLBACK_ERROR", "STATE_NOT_RUNNING", "FUS_STATE_IMG_NOT_FOUND", "FUS_IMAGE_WRTERROR"}) {
            assertTrue(FusCodes.explain(n).isPresent(), n);
        }
        FusCodes.all().values().forEach(c -> {
            assertFalse(c.meaning().isBlank());
            assertFalse(c.meaning().contains("\n"));
            assertTrue(c.name().startsWith("FUS_"));
        });
        assertEquals("0x11", FusCodes.lookup("FW_ROLLBACK_ERROR").orElseThrow().value());
        assertEquals(FusCodes.Kind.STATE, FusCodes.lookup("FUS_IDLE").orElseThrow().kind());
        assertTrue(FusCodes.isFailureStatus("FUS_IMG_NOT_AUTHENTIC"));
        assertFalse(FusCodes.isFailureStatus("FUS_NO_ERROR"));
        assertFalse(FusCodes.isFailureStatus("FUS_IDLE"));
    }
}
