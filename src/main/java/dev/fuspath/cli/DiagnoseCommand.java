package dev.fuspath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.PlanInputs;
import dev.fuspath.app.CatalogHolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true, description = {
        "Say what went wrong in a STM32CubeProgrammer log (GUI log or STM32_Programmer_CLI output), and give the"
                + " plan that would have worked when the log says enough.",
        "Exit status: 0 no error finding, 1 an error finding, 2 a malformed --chip or --fus, 4 the log cannot be"
                + " read."})
public class DiagnoseCommand implements Callable<Integer> {

    /** Bytes read from the log; past that it is too large to diagnose. */
    static final int MAX_BYTES = Diagnoser.MAX_CHARS;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LOGFILE", description = "The log, as text; - reads standard input.")
    String logFile;

    @Option(names = "--chip", paramLabel = "PART", description = "The part the log was taken on, e.g. STM32WB55RG (GUI logs do not print the flash size).")
    String chip;

    @Option(names = "--fus", paramLabel = "VERSION", description = "The FUS version 'Read FUS infos' shows: 1.2.0, v1.2.0 or 01020000.")
    String fus;

    @Option(names = "--json", description = "Print the diagnosis as the API gives it.")
    boolean json;

    private final CatalogHolder holder;

    public DiagnoseCommand(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (chip != null) {
                ChipRules.bundled().resolve(chip);
            }
            if (fus != null) {
                PlanInputs.fus(fus);
            }
        } catch (PlanException | IllegalArgumentException e) {
            err.println("fuspath diagnose: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        byte[] bytes;
        try {
            bytes = read();
        } catch (IOException e) {
            err.println("fuspath diagnose: " + logFile + ": " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
        Diagnosis diagnosis = bytes.length > MAX_BYTES
                ? Diagnoser.tooLarge(bytes.length, "more than " + MAX_BYTES + " bytes")
                : holder.diagnoser().diagnose(new String(bytes, StandardCharsets.UTF_8),
                        new Diagnoser.Hints(Optional.ofNullable(chip), Optional.ofNullable(fus)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(diagnosis));
        } else {
            DiagnosisText.print(logFile.equals("-") ? "standard input" : logFile, diagnosis, out);
        }
        out.flush();
        return diagnosis.hasErrors() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private byte[] read() throws IOException {
        if (logFile.equals("-")) {
            return System.in.readNBytes(MAX_BYTES + 1);
        }
        Path path = Path.of(logFile);
        InputFiles.requireRegularFile(path);
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(MAX_BYTES + 1);
        }
    }
}
