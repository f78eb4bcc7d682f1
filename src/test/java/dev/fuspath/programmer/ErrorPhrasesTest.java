package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.rules.CodeBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorPhrasesTest {

    private final ErrorPhrases phrases = ErrorPhrases.bundled();

    @Test
    void everyCodeIsExplainedInFusCodes() {
        for (ErrorPhrases.Phrase p : phrases.phrases()) {
            if (p.dynamic()) {
                continue;
            }
            assertTrue(CodeBook.bundled().lookup(p.code()).isPresent(), p.id() + ": " + p.code());
            assertFalse(p.source().isBlank(), p.id());
        }
        assertTrue(CodeBook.bundled().lookup("DEV_CONNECT_ERR").isPresent());
    }

    @Test
    void neverReachedTheDeviceIsData() {
        for (String code : List.of("NO_TARGET", "NO_PROBE", "NO_CORE_ID", "DEV_CONNECT_ERR", "DEV_USB_COMM_ERR",
                "NO_DFU_DEVICE")) {
            assertTrue(phrases.neverReachedDevice(code), code);
            assertTrue(phrases.connection(code), code);
        }
        // a device answered but was not identified: a connection error that reached a device
        assertTrue(phrases.connection("UNSUPPORTED_DEVICE"));
        assertFalse(phrases.neverReachedDevice("UNSUPPORTED_DEVICE"));
        for (String code : List.of("WRITE_FAILED", "FUS_IMG_NOT_FOUND", "CONNECTION_LOST", "ERROR", "WARNING")) {
            assertFalse(phrases.neverReachedDevice(code), code);
        }
    }

    @Test
    void theFirstMatchingPhraseDecides() {
        // "not authentic" comes after the FUS token row: a known FUS code in the line wins
        assertEquals("FUS_IMG_NOT_FOUND", phrases.classify("FUS_STATE_IMG_NOT_FOUND: firmware not authentic", false));
        assertEquals("FUS_IMG_NOT_AUTHENTIC", phrases.classify("Firmware not authentic!", false));
        assertEquals("NO_TARGET", phrases.classify("No STM32 target found! If your product embeds DEV_X", false));
        assertEquals("DEV_CONNECT_ERR", phrases.classify("ST-LINK error (DEV_CONNECT_ERR)", false));
        assertEquals("ERASE_FAILED", phrases.classify("erasing sector 0012 @: 0x0800c000 failed", false));
        assertEquals("OPTION_BYTES", phrases.classify("Option Byte: nSWboot0, value: 0x0, was not modified.", true));
        assertEquals("WARNING", phrases.classify("something else", true));
        assertTrue(phrases.proves("OPTION_BYTE_MISMATCH"));
        assertTrue(phrases.proves("FUS_IMG_NOT_AUTHENTIC"));
        assertFalse(phrases.proves("WRITE_FAILED"));
    }

    @Test
    void aBrokenTableIsRefusedWithItsEntry() throws Exception {
        ObjectMapper m = new ObjectMapper();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ErrorPhrases(m.readTree(
                "{\"phrases\":[{\"id\":\"x\",\"code\":\"X\",\"neverReachedDevice\":true,\"all\":[\"x\"],\"source\":\"s\"}]}")));
        assertTrue(e.getMessage().contains("x never reached a device but is no connection error"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ErrorPhrases(m.readTree(
                "{\"phrases\":[{\"id\":\"x\",\"code\":\"X\",\"source\":\"s\"}]}")));
        assertThrows(IllegalStateException.class, () -> new ErrorPhrases(m.readTree("{\"phrases\":[]}")));
    }
}
