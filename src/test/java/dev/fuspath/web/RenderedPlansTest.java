package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import org.junit.jupiter.api.Test;

/** Cached plan answers are the planner's, byte for byte, and the cache stays bounded. */
class RenderedPlansTest {

    private static Planner.Request story(String fus) {
        return new Planner.Request("STM32WB55RG", fus, null, "BLE_Stack_full", "v1.23.0", "swd", false, false);
    }

    @Test
    void answersAreThePlannersAndRepeatsComeFromTheCache() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(getClass().getClassLoader()), Rules.bundled(),
                ChipRules.bundled(), Procedures.bundled());
        RenderedPlans plans = new RenderedPlans(planner);
        ObjectMapper json = new ObjectMapper();

        RenderedPlans.Rendered first = plans.get(story("0.5.3"), json);
        assertEquals(planner.plan(story("0.5.3")).id(), first.id());
        assertEquals(first.id(), json.readTree(first.json()).path("id").asText());
        assertSame(first, plans.get(story("0.5.3"), json));
        assertNotSame(first, plans.get(story("1.2.0"), json));

        assertThrows(PlanException.class, () -> plans.get(story("banana"), json));
        assertEquals(2, plans.size(), "refusals are not cached");

        for (int i = 0; i < RenderedPlans.MAX_ENTRIES + 10; i++) {
            plans.get(new Planner.Request("STM32WB55RG", "2.2.0", "BLE_Stack_full 1." + (i % 200) + "." + (i / 200), "BLE_Stack_full",
                    "v1.24.0", "swd", false, false), json);
        }
        assertTrue(plans.size() <= RenderedPlans.MAX_ENTRIES, "bounded: " + plans.size());
    }
}
