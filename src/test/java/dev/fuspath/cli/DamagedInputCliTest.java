package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.executor.FlashEvent;
import dev.fuspath.executor.FlashRequest;
import dev.fuspath.executor.Journal;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Messages for damaged or odd inputs on the command line (issue 9, items 3 and 9). */
@QuarkusMainTest
class DamagedInputCliTest {

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    private static byte[] line(FlashEvent e) throws Exception {
        return (new com.fasterxml.jackson.databind.ObjectMapper()
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                .writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An unfinished run whose last line a power loss cut inside "ó", with a damaged line 2. */
    private static Path damagedJournal(Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(line(FlashEvent.of(FlashEvent.Type.RUN_START, "r1").request(new FlashRequest("STM32WB55RG",
                "BLE_Stack_full", "v1.23.0", "swd", false, null, null)).at("2026-11-23T06:00:00Z")));
        out.writeBytes(new byte[]{'{', (byte) 0xC3, (byte) 0x28, '\n'}); // line 2: not UTF-8
        byte[] last = line(FlashEvent.of(FlashEvent.Type.NOTE, "r1").message("firmware from /home/józef/fw")
                .at("2026-11-23T06:00:01Z"));
        int inside = new String(last, StandardCharsets.UTF_8).indexOf('ó');
        byte[] prefix = Arrays.copyOf(last, new String(last, StandardCharsets.UTF_8).substring(0, inside)
                .getBytes(StandardCharsets.UTF_8).length + 1); // the first byte of ó only
        out.writeBytes(prefix);
        Path journal = dir.resolve("journal.jsonl");
        Files.write(journal, out.toByteArray());
        return journal;
    }

    @Test
    void historyListsAJournalCutInsideACharacterAndNamesTheDamagedLine(QuarkusMainLauncher launcher)
            throws Exception {
        Path journal = damagedJournal(Files.createTempDirectory("journal-cut"));
        LaunchResult h = launcher.launch("history", "--journal", journal.toString());
        assertEquals(0, h.exitCode(), all(h));
        assertTrue(h.getOutput().contains("r1  interrupted STM32WB55RG -> BLE_Stack_full v1.23.0"), all(h));
        assertTrue(h.getErrorOutput().contains("line 2 of " + journal + " is damaged (not UTF-8 text) and was"
                + " skipped"), all(h));
        assertTrue(h.getErrorOutput().contains("line 3 of " + journal + " was cut short"), all(h));
        assertFalse(all(h).contains("not a fuspath journal"), all(h));
    }

    @Test
    void resumeContinuesTheRunOfAJournalCutInsideACharacter(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("journal-resume");
        Path journal = damagedJournal(dir);
        LaunchResult r = launcher.launch("flash", "--resume", "--journal", journal.toString(), "--backend",
                "simulator", "--simulator-state", dir.resolve("device.json").toString(), "--simulate", "factory-1M");
        // the run is resumed: the device is read and planned for; without --firmware-dir the files are missing
        assertEquals(ExitCodes.FILES_REFUSED, r.exitCode(), all(r));
        assertTrue(r.getOutput().contains("resuming run r1"), all(r));
        assertTrue(r.getErrorOutput().contains("line 2 of " + journal.toAbsolutePath() + " is damaged (not UTF-8"
                + " text) and was skipped"), all(r));
        assertFalse(all(r).contains("not UTF-8 text)\n") && all(r).contains("cannot read the journal"), all(r));
    }

    @Test
    void aJournalInUseNamesTheOtherRun(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("journal-busy");
        Path journal = dir.resolve("journal.jsonl");
        try (Journal held = Journal.open(journal)) {
            LaunchResult r = launcher.launch("flash", "--target", "BLE_Stack_full", "--journal", journal.toString(),
                    "--backend", "simulator", "--simulator-state", dir.resolve("device.json").toString(),
                    "--simulate", "factory-1M");
            assertEquals(ExitCodes.IO_ERROR, r.exitCode(), all(r));
            assertTrue(r.getErrorOutput().contains(journal.toAbsolutePath() + " is in use by another fuspath run"
                    + " (pid " + ProcessHandle.current().pid() + "); nothing was done"), all(r));
            assertTrue(r.getErrorOutput().contains("fix: wait for that run to end"), all(r));
            assertFalse(r.getErrorOutput().contains("writable"), all(r));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aServerThatStallsTheBodyIsGivenUpOnByName(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("stalled-server");
        try (dev.fuspath.testing.StallingServer server = new dev.fuspath.testing.StallingServer("application/json",
                5000, "{\"id\":")) {
            String[] device = {"--journal", dir.resolve("journal.jsonl").toString(), "--backend", "simulator",
                    "--simulator-state", dir.resolve("device.json").toString(), "--simulate", "factory-1M",
                    "--server-timeout", "0.5"};
            LaunchResult plan = launcher.launch(concat(new String[]{"flash", "--plan", server.base() + "/plan.json"},
                    device));
            assertEquals(ExitCodes.IO_ERROR, plan.exitCode(), all(plan));
            assertTrue(plan.getErrorOutput().contains("fuspath flash: no complete answer from " + server.base()
                    + " within 500 ms: it answered 200, then stopped sending the body"), all(plan));

            LaunchResult fromServer = launcher.launch(concat(new String[]{"flash", "--target", "BLE_Stack_full",
                    "--server", server.base()}, device));
            assertEquals(ExitCodes.IO_ERROR, fromServer.exitCode(), all(fromServer));
            assertTrue(fromServer.getErrorOutput().contains("no complete answer from " + server.base()
                    + " within 500 ms"), all(fromServer));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void syncExits14WhenAReleaseVanishesUnlessRemovalsAreAllowed(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("sync-vanished");
        try (var upstream = dev.fuspath.sync.SyncRemovalTest.twoReleases(dir.resolve("upstream"))) {
            String[] args = {"sync", "--source", upstream.dir().toString(), "--out", dir.resolve("catalog").toString(),
                    "--mirror", dir.resolve("mirror.git").toString()};
            LaunchResult first = launcher.launch(args);
            assertEquals(0, first.exitCode(), all(first));
            try (var git = org.eclipse.jgit.api.Git.open(upstream.dir().toFile())) {
                git.tagDelete().setTags("v1.1.0").call();
            }
            LaunchResult kept = launcher.launch(args);
            assertEquals(ExitCodes.SYNC_RELEASE_VANISHED, kept.exitCode(), all(kept));
            assertTrue(kept.getErrorOutput().contains("fuspath sync: warning: the release tag v1.1.0 is gone from the"
                    + " source; the release is kept as it was at commit "), all(kept));
            assertTrue(kept.getErrorOutput().contains("--allow-removals"), all(kept));
            assertTrue(Files.readString(dir.resolve("catalog/anomalies.json")).contains("release-vanished"));

            String[] allowing = Arrays.copyOf(args, args.length + 1);
            allowing[args.length] = "--allow-removals";
            LaunchResult dropped = launcher.launch(allowing);
            assertEquals(0, dropped.exitCode(), all(dropped));
            assertTrue(dropped.getErrorOutput().contains("the release was removed from the catalog"), all(dropped));
            assertFalse(Files.exists(dir.resolve("catalog/releases/v1.1.0.json")));
        }
    }
}
