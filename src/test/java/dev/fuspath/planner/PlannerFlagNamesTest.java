package dev.fuspath.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.rules.Rules;
import org.junit.jupiter.api.Test;

/**
 * Planner messages reach both the API and the CLI: an input is named as each spells it, so a CLI user reads the flag
 * they typed (issue 14: "antiRollback applies ..." to someone who typed --anti-rollback). And a release is taken
 * without its v, as a FUS version is.
 */
class PlannerFlagNamesTest {

    private static Planner planner() throws Exception {
        return new Planner(CatalogFiles.readClasspath(PlannerFlagNamesTest.class.getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
    }

    @Test
    void antiRollbackWithoutATargetNamesTheFlag() throws Exception {
        PlanException e = assertThrows(PlanException.class, () -> planner().plan(new Planner.Request("STM32WB55RG",
                "1.2.0", null, null, "v1.23.0", "swd", true, true)));
        assertEquals(400, PlanStatus.of(e));
        assertTrue(e.getMessage().contains("--anti-rollback") && e.getMessage().contains("antiRollback"), e.getMessage());
    }

    @Test
    void aReleaseWithoutItsV() throws Exception {
        Planner p = planner();
        Plan tagged = p.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd",
                false, false));
        for (String release : new String[]{"1.23.0", " 1.23.0 ", "V1.23.0"}) {
            assertEquals(tagged, p.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", release,
                    "swd", false, false)), release);
        }
        PlanException e = assertThrows(PlanException.class, () -> p.plan(new Planner.Request("STM32WB55RG", "0.5.3",
                null, "BLE_Stack_full", "1.23", "swd", false, false)));
        assertEquals(400, PlanStatus.of(e));
    }
}
