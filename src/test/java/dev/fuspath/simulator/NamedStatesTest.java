package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --simulate with a flash size no part has names the sizes there are (issue 14). */
class NamedStatesTest {

    @Test
    void anUnknownSizeListsTheValidOnes() {
        for (String spec : new String[]{"factory-2M", "flash=2M,fus=1.2.0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamedStates.parse(spec));
            assertTrue(e.getMessage().contains("'" + spec + "'") && e.getMessage().contains("1M")
                    && e.getMessage().contains("640K, 512K, 256K, 320K"), e.getMessage());
        }
        assertEquals(1024 * 1024, NamedStates.parse("factory-1M").flashSize());
    }
}
