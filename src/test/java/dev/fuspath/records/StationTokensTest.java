package dev.fuspath.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StationTokensTest {

    private final StationTokens tokens = new StationTokens(Map.of(
            "line-1", StationTokens.sha256Hex("secret-one"),
            "line-2", StationTokens.sha256Hex("secret-two").toUpperCase()));

    @Test
    void aTokenNamesItsStation() {
        assertEquals(Optional.of("line-1"), tokens.station("secret-one"));
        assertEquals(Optional.of("line-2"), tokens.station("secret-two"));
    }

    @Test
    void anythingElseNamesNone() {
        for (String token : new String[] {null, "", "secret-on", "secret-one ", StationTokens.sha256Hex("secret-one"),
                "x".repeat(10_000)}) {
            assertEquals(Optional.empty(), tokens.station(token), String.valueOf(token).length() + " chars");
        }
        assertTrue(new StationTokens(Map.of()).station("secret-one").isEmpty());
    }

    @Test
    void aConfiguredValueThatIsNoSha256IsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StationTokens(Map.of("line-1", "secret-one")));
        assertTrue(e.getMessage().contains("fuspath.records.tokens.line-1"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret-one"), "the message never repeats the configured value");
    }
}
