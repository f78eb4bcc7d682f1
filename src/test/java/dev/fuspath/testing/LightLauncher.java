package dev.fuspath.testing;

import dev.fuspath.launch.LightMain;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs {@code fuspath plan|inspect|diagnose} and help requests as the packaged launcher does, on the light path
 * ({@link LightMain}: the same picocli command classes, without Quarkus), in this JVM, for tests written against
 * {@link QuarkusMainLauncher} ({@code @ExtendWith(LightLauncher.class)} in place of {@code @QuarkusMainTest}).
 * <p>
 * Why: {@code @QuarkusMainTest} builds (augments) the whole application again for every launch, several seconds
 * each, which made the command-line tests most of the build's time. The light path is what {@code target/fuspath}
 * runs for these commands, and LightStartIT holds its output and exit code byte for byte equal to the Quarkus
 * path's, on the packaged artifact, for the same kinds of command line (stories, JSON, refusals, help).
 * A command that needs Quarkus (flash, sync, serve, history) fails the test here rather than run elsewhere.
 */
public final class LightLauncher implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == QuarkusMainLauncher.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return (QuarkusMainLauncher) LightLauncher::launch;
    }

    /** Runs {@code args} on the light path with standard output and error captured. */
    public static synchronized LaunchResult launch(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        LightMain.Outcome outcome;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            outcome = LightMain.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        if (outcome.handOff()) {
            throw new AssertionError(String.join(" ", args) + " needs the Quarkus application: test it with"
                    + " @QuarkusMainTest");
        }
        List<String> outLines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> errLines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
        int exit = outcome.exitCode();
        return new LaunchResult() {
            @Override
            public List<String> getOutputStream() {
                return outLines;
            }

            @Override
            public List<String> getErrorStream() {
                return errLines;
            }

            @Override
            public int exitCode() {
                return exit;
            }
        };
    }
}
