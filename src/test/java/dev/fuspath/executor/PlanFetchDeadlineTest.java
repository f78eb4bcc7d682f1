package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.testing.StallingServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that sends its headers, then stalls the body: --plan URL and --server plans give up on it (issue 9, 4). */
class PlanFetchDeadlineTest {

    private static final Duration DEADLINE = Duration.ofMillis(400);

    @Test
    @Timeout(30)
    void aPlanUrlWhoseBodyStallsFailsAtTheDeadlineNamingTheServer() throws Exception {
        try (StallingServer server = new StallingServer("application/json", 5000, "{\"id\":\"")) {
            long start = System.nanoTime();
            FlashException e = assertThrows(FlashException.class,
                    () -> FilePlan.load(server.base() + "/plan.json", DEADLINE));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlashException.Reason.IO, e.reason());
            assertEquals("no complete answer from " + server.base() + " within 400 ms: it answered 200, then stopped"
                    + " sending the body", e.getMessage());
            assertTrue(e.fix().contains("--server-timeout"), e.fix());
            assertTrue(ms >= 350 && ms < 5000, ms + " ms");
            assertEquals(1, server.requests());
        }
    }

    @Test
    @Timeout(30)
    void aServerPlanWhoseBodyStallsFailsAtTheDeadlineNamingTheServer() throws Exception {
        try (StallingServer server = new StallingServer("application/json", 5000, "{")) {
            long start = System.nanoTime();
            FlashException e = assertThrows(FlashException.class, () -> new ServerPlans(URI.create(server.base()),
                    DEADLINE).plan(new FlashRequest("STM32WB55RG", "BLE_Stack_full", null, "swd", false, null, null),
                    "STM32WB55RG", "1.2.0", "none"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(FlashException.Reason.IO, e.reason());
            assertTrue(e.getMessage().startsWith("no complete answer from " + server.base() + " within 400 ms"),
                    e.getMessage());
            assertTrue(ms < 5000, ms + " ms");
        }
    }

    @Test
    @Timeout(30)
    void aBodyLargerThanAPlanIsRefusedFromItsDeclaredLength() throws Exception {
        try (StallingServer server = new StallingServer("application/json", PlanDocuments.MAX_PLAN + 1, "{")) {
            FlashException e = assertThrows(FlashException.class,
                    () -> FilePlan.load(server.base() + "/plan.json", Duration.ofSeconds(20)));
            assertEquals("the answer from " + server.base() + " is larger than a plan can be (" + PlanDocuments.MAX_PLAN
                    + " bytes)", e.getMessage());
        }
    }
}
