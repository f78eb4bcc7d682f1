package dev.fuspath.cli;

import static dev.fuspath.diagnose.DiagnoseFixtures.lineOf;
import static dev.fuspath.diagnose.DiagnoseFixtures.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.diagnose.DiagnoseFixtures;
import dev.fuspath.testing.LightLauncher;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** fuspath diagnose: what it prints, its JSON, and its exit codes. */
@ExtendWith(LightLauncher.class)
class DiagnoseCliTest {

    private static final String LOGS = "src/test/resources/logs/";

    private static String all(LaunchResult result) {
        return result.getOutput() + "\n" + result.getErrorOutput();
    }

    @Test
    void failingLogPrintsFindingsWithLinesAndThePlan(QuarkusMainLauncher launcher) {
        String text = log("fus-v2-only-on-fus1-usb.log");
        LaunchResult result = launcher.launch("diagnose", LOGS + "fus-v2-only-on-fus1-usb.log");
        assertEquals(ExitCodes.FINDINGS, result.exitCode(), all(result));
        String out = result.getOutput();
        assertTrue(out.contains("STM32CubeProgrammer 2.20.0 log") && out.contains("over USB"), out);
        assertTrue(out.contains("device 0x495 (STM32WB5x/35xx), 1M flash"), out);
        assertTrue(out.contains("FUS versions seen: 1.2.0 on line " + lineOf(text, "0x20030030 : 01020000")), out);
        assertTrue(out.contains("fwupgrade          failed    C:\\ST\\STM32Cube_FW_WB_V1.23.0"), out);
        assertTrue(out.contains("erased 0x080D0000-0x080EFFFF; FUS_ERROR / FUS_IMG_NOT_AUTHENTIC"), out);
        int error = out.indexOf("error   fus-v2-only-on-fus1 (lines ");
        assertTrue(error > 0, out);
        assertTrue(out.indexOf("remedy: upgrade FUS to 2.x first", error) > 0, out);
        assertTrue(out.indexOf("info    FUS_IDLE") > error, "errors before info: " + out);
        int plan = out.indexOf("corrected plan, STM32WB55CG on v1.23.0 over USB: FUS 1.2.0, stack none -> FUS 2.1.0");
        assertTrue(plan > error, out);
        assertTrue(out.indexOf("STM32_Programmer_CLI -c port=usb1 -fwupgrade stm32wb5x_FUS_fw.bin 0x080EE000 firstinstall=0",
                plan) > plan, out);
        assertTrue(out.indexOf("-fwupgrade stm32wb5x_BLE_Stack_full_fw.bin 0x080D0000", plan) > plan, out);
    }

    @Test
    void successfulLogExits0(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("diagnose", LOGS + "success-swd-fus-chain-and-stack.log");
        assertEquals(ExitCodes.OK, result.exitCode(), all(result));
        assertTrue(result.getOutput().contains("no-problem-found"), result.getOutput());
        assertFalse(result.getOutput().contains("corrected plan"), result.getOutput());
    }

    @Test
    void jsonIsWhatTheDiagnoserGives(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("diagnose", LOGS + "wrong-address-gui.log", "--json", "--chip",
                "STM32WB55RGV6TR", "--fus", "v1.2.0");
        assertEquals(ExitCodes.FINDINGS, result.exitCode(), all(result));
        String out = result.getOutput();
        ObjectMapper json = new ObjectMapper();
        JsonNode printed = json.readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
        JsonNode direct = json.readTree(json.writeValueAsString(DiagnoseFixtures.diagnoser().diagnose(
                log("wrong-address-gui.log"), new dev.fuspath.diagnose.Diagnoser.Hints(Optional.of("STM32WB55RGV6TR"),
                        Optional.of("v1.2.0")))));
        assertEquals(direct, printed);
        assertEquals("wrong-address", printed.at("/findings/0/code").asText());
    }

    @Test
    void badHintsExit2(QuarkusMainLauncher launcher) {
        LaunchResult chip = launcher.launch("diagnose", LOGS + "no-target-swd.log", "--chip", "STM32WB99ZZ");
        assertEquals(ExitCodes.USAGE, chip.exitCode(), all(chip));
        assertTrue(chip.getErrorOutput().contains("STM32WB99ZZ"), all(chip));
        LaunchResult fus = launcher.launch("diagnose", LOGS + "no-target-swd.log", "--fus", "banana");
        assertEquals(ExitCodes.USAGE, fus.exitCode(), all(fus));
        LaunchResult none = launcher.launch("diagnose");
        assertEquals(ExitCodes.USAGE, none.exitCode(), all(none));
    }

    @Test
    void unreadableFileExits4(QuarkusMainLauncher launcher, @TempDir Path dir) {
        LaunchResult missing = launcher.launch("diagnose", dir.resolve("nope.log").toString());
        assertEquals(ExitCodes.IO_ERROR, missing.exitCode(), all(missing));
        assertTrue(missing.getErrorOutput().contains("nope.log: no such file"), all(missing));
        LaunchResult folder = launcher.launch("diagnose", dir.toString());
        assertEquals(ExitCodes.IO_ERROR, folder.exitCode(), all(folder));
    }

    @Test
    void emptyBinaryAndHugeFilesGetAnAnswer(QuarkusMainLauncher launcher, @TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.log"), "");
        LaunchResult e = launcher.launch("diagnose", empty.toString());
        assertEquals(ExitCodes.OK, e.exitCode(), all(e));
        assertTrue(e.getOutput().contains("empty-log"), e.getOutput());

        Path binary = Files.write(dir.resolve("image.bin"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0, 0, 0, 7, 8});
        LaunchResult b = launcher.launch("diagnose", binary.toString());
        assertEquals(ExitCodes.OK, b.exitCode(), all(b));
        assertTrue(b.getOutput().contains("binary-input"), b.getOutput());

        Path huge = Files.writeString(dir.resolve("huge.log"), "x".repeat(DiagnoseCommand.MAX_BYTES + 10));
        LaunchResult h = launcher.launch("diagnose", huge.toString(), "--json");
        assertEquals(ExitCodes.OK, h.exitCode(), all(h));
        assertTrue(h.getOutput().contains("\"log-too-large\""), h.getOutput());
    }
}
