package dev.fuspath.executor;

import dev.fuspath.planner.StepAction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.simulator.SimulatorBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journals as a power loss, a full disk, a kill or another run leave them (issue 9, items 3 and 9). */
class JournalDamageTest {

    @TempDir
    Path dir;

    private static final FlashRequest REQUEST = new FlashRequest("STM32WB55RG", "BLE_Stack_full", "v1.23.0", "swd",
            false, null, null);

    private static byte[] line(FlashEvent e) throws IOException {
        return (Journal.JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A run that started a step with a non-ASCII path in its command, as a user's home folder gives. */
    private static List<byte[]> runLines() throws IOException {
        return List.of(
                line(FlashEvent.of(FlashEvent.Type.RUN_START, "r1").request(REQUEST).at("2026-11-23T06:00:00Z")),
                line(FlashEvent.of(FlashEvent.Type.PLAN, "r1").planId("abc").message("plan: 7 steps").at("2026-11-23T06:00:01Z")),
                line(FlashEvent.of(FlashEvent.Type.STEP_START, "r1").step(3, StepAction.FUS_UPGRADE)
                        .command(List.of("-c", "port=swd", "-fwupgrade",
                                "/home/józef/固件/Ünïcode 😀/stm32wb5x_FUS_fw_for_fus_0_5_3.bin", "0x080EC000"))
                        .message("FUS 0.5.3 → 1.2.0\t\u0001 \"quoted\"").ok(true).calls(12).programmerMs(-1.25e-3)
                        .at("2026-11-23T06:00:02Z")));
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void aLastLineCutAtEveryByteIsSkippedAndTheRunStillResumes() throws Exception {
        List<byte[]> lines = runLines();
        byte[] head = join(lines.subList(0, 2));
        byte[] last = lines.get(2);
        int multiByteCuts = 0;
        for (int cut = 0; cut < last.length - 1; cut++) { // last.length - 1: the whole line without its newline
            if ((last[cut] & 0xC0) == 0x80) {
                multiByteCuts++;
            }
            Path path = dir.resolve("cut-" + cut + ".jsonl");
            byte[] bytes = new byte[head.length + cut];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(last, 0, bytes, head.length, cut);
            Files.write(path, bytes);

            Journal.Contents c = Journal.read(path);
            assertEquals(List.of("run-start", "plan"), c.events().stream().map(e -> e.type().wire()).toList(),
                    "cut at byte " + cut);
            assertEquals(cut == 0 ? 0 : 1, c.skipped().size(), "cut at byte " + cut + ": " + c.skipped());
            if (cut > 0) {
                assertEquals(Journal.SkipKind.CUT, c.skipped().get(0).kind(), "cut at byte " + cut);
                assertEquals(3, c.skipped().get(0).line());
            }
            assertTrue(c.damaged().isEmpty(), "cut at byte " + cut + ": " + c.skipped());
            assertEquals("r1", Runs.unfinished(Runs.of(c.events())).orElseThrow().id(), "cut at byte " + cut);

            // the next run closes the cut line and appends after it: the cut line is still only a cut line
            try (Journal j = Journal.open(path)) {
                j.append(FlashEvent.of(FlashEvent.Type.RUN_END, "r1").outcome(RunOutcome.STOPPED).at("2026-11-23T06:01:00Z"));
            }
            Journal.Contents after = Journal.read(path);
            assertEquals(List.of("run-start", "plan", "run-end"),
                    after.events().stream().map(e -> e.type().wire()).toList(), "cut at byte " + cut);
            assertTrue(after.damaged().isEmpty(), "cut at byte " + cut + ", then closed: " + after.skipped());
        }
        assertTrue(multiByteCuts >= 10, "the line is cut inside multi-byte characters: " + multiByteCuts);
        // the whole line without its newline is a whole event
        Path whole = dir.resolve("whole.jsonl");
        Files.write(whole, java.util.Arrays.copyOf(join(lines), join(lines).length - 1));
        assertEquals(3, Journal.read(whole).events().size());
        assertTrue(Journal.read(whole).skipped().isEmpty());
    }

    @Test
    void aDamagedLineElsewhereIsReportedByNumberAndTheOthersStillResume() throws Exception {
        List<byte[]> lines = runLines();
        Path path = dir.resolve("journal.jsonl");
        Files.write(path, join(List.of(lines.get(0),
                new byte[]{'{', '"', 't', (byte) 0xFF, (byte) 0xFE, 'x', '\n'},   // line 2: not UTF-8
                lines.get(1),
                "{\"type\": oops}\n".getBytes(StandardCharsets.UTF_8),               // line 4: not JSON
                "[1,2,3]\n".getBytes(StandardCharsets.UTF_8),                         // line 5: not an event
                lines.get(2))));
        Journal.Contents c = Journal.read(path);
        assertEquals(List.of("run-start", "plan", "step-start"), c.events().stream().map(e -> e.type().wire()).toList());
        assertEquals(List.of(2L, 4L, 5L), c.damaged().stream().map(Journal.Skipped::line).toList(), c.skipped()
                .toString());
        assertEquals("not UTF-8 text", c.damaged().get(0).reason());
        assertTrue(c.damaged().get(1).reason().startsWith("not JSON"), c.damaged().get(1).reason());
        assertEquals("JSON, but not a journal event", c.damaged().get(2).reason());
        assertTrue(c.damaged().get(0).describe(path).startsWith("line 2 of " + path + " is damaged (not UTF-8 text)"),
                c.damaged().get(0).describe(path));
        Runs.Run run = Runs.unfinished(Runs.of(c.events())).orElseThrow();
        assertEquals(3, run.lastStep());
        assertEquals(REQUEST, run.request());
    }

    @Test
    void aJournalInUseNamesTheRunHoldingIt() throws Exception {
        Path path = dir.resolve("journal.jsonl");
        try (Journal held = Journal.open(path)) {
            Journal.InUseException e = assertThrows(Journal.InUseException.class, () -> Journal.open(path));
            long pid = ProcessHandle.current().pid();
            assertEquals(pid, e.pid().orElseThrow());
            assertEquals(path.toAbsolutePath() + " is in use by another fuspath run (pid " + pid + ")",
                    e.getMessage());
        }
        Journal.open(path).close(); // released
    }

    @Test
    void somethingOtherThanAFileIsRefusedForWhatItIs() throws Exception {
        IOException folder = assertThrows(IOException.class, () -> Journal.read(dir));
        assertEquals(dir + " is a folder, not a fuspath journal", folder.getMessage());
        IOException device = assertThrows(IOException.class, () -> Journal.read(Path.of("/dev/zero")));
        assertEquals("/dev/zero is not a regular file, not a fuspath journal", device.getMessage());
        assertTrue(Journal.read(dir.resolve("absent.jsonl")).events().isEmpty());
    }

    /** A full disk, for real: the journal is /dev/full, where every write fails with ENOSPC. */
    @Test
    void aFullDiskIsSaidOnce() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "skipped: no /dev/full here");
        Path journalPath = dir.resolve("journal.jsonl");
        Files.createSymbolicLink(journalPath, full);
        List<FlashEvent> events = new ArrayList<>();
        Flasher.Result result;
        try (Journal journal = Journal.open(journalPath)) {
            result = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG)
                    .backend(new SimulatorBackend(new SimulatedDevice(DeviceState.factory("1M"))))
                    .files(plan -> Map.of()).staging(dir.resolve("files")).journal(journal).listener(events::add)
                    .build().flash(REQUEST, new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertFalse(result.ok());
        assertEquals(FlashException.Reason.IO, result.reason());
        assertEquals(dev.fuspath.cli.ExitCodes.IO_ERROR, result.exitCode());
        Matcher m = Pattern.compile("No space left on device").matcher(result.message());
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertEquals(1, count, result.message());
        assertTrue(result.message().startsWith("cannot write the journal "), result.message());
    }
}
