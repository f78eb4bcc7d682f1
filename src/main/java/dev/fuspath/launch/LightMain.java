package dev.fuspath.launch;

import dev.fuspath.cli.CommandLineSetup;
import dev.fuspath.cli.DiagnoseCommand;
import dev.fuspath.cli.FuspathCommand;
import dev.fuspath.cli.InspectCommand;
import dev.fuspath.cli.PlanCommand;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.app.FuspathConfig;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The light start path of the {@code fuspath} launcher: commands that need no HTTP server ({@code plan},
 * {@code inspect}, {@code diagnose}, and any {@code --help} or {@code --version}) run here in plain Java, on the same
 * picocli command classes Quarkus runs, without booting Quarkus, CDI or Vert.x. Whatever else parses (serve, sync,
 * flash, history) is handed to Quarkus in the same JVM, unchanged.
 *
 * <p>The output and exit codes are those of the Quarkus path, byte for byte (LightStartIT compares both on the
 * packaged artifact). The catalog folder is {@code -Dfuspath.catalog.dir} or {@code FUSPATH_CATALOG_DIR}, as the
 * Quarkus path reads it; by default the one bundled in the artifact.
 */
public final class LightMain {

    /** Subcommands that run here; every other one needs what Quarkus starts (HTTP, scheduler, CDI events). */
    static final Set<String> LIGHT = Set.of("plan", "inspect", "diagnose");

    /** Boots the fast-jar's own class loader and the Quarkus application, as {@code java -jar quarkus-run.jar}. */
    private static final String QUARKUS_ENTRY = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    /**
     * Set by src/main/launcher/package.sh for the one run that makes the class-data archive: the light commands
     * each once, so the archive holds the classes each of them loads.
     */
    static final String TRAINING = "fuspath.light.training";

    private LightMain() {
    }

    private static void train() throws java.io.IOException {
        Path dir = java.nio.file.Files.createTempDirectory("fuspath-training");
        try {
            Path log = java.nio.file.Files.writeString(dir.resolve("training.log"),
                    "      -------------------------------------------------------------------\n"
                    + "                        STM32CubeProgrammer v2.15.0\n"
                    + "      -------------------------------------------------------------------\n\n"
                    + "ST-LINK SN  : 0668FF303430524B43142638\nBoard       : NUCLEO-WB55RG\n"
                    + "Device ID   : 0x495\nFUS state is FUS_IDLE\n\nError: FUS_STATE_IMG_NOT_FOUND\n");
            Path bin = java.nio.file.Files.write(dir.resolve("training.bin"), new byte[64]);
            String[] story = {"plan", "--chip", "STM32WB55RGV6TR", "--fus", "0.5.3", "--target", "BLE_Stack_full",
                    "--release", "v1.23.0"};
            run(story);
            run(java.util.stream.Stream.concat(java.util.Arrays.stream(story), java.util.stream.Stream.of("--json"))
                    .toArray(String[]::new));
            run("plan", "--help");
            run("--help");
            run("diagnose", log.toString());
            run("diagnose", "--json", log.toString());
            run("inspect", bin.toString());
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    public static void main(String... args) throws Throwable {
        if (Boolean.getBoolean(TRAINING)) {
            train();
            return;
        }
        Outcome outcome = run(args);
        if (outcome.handOff()) {
            handOff(args);
            return;
        }
        System.exit(outcome.exitCode());
    }

    /** What a run here came to: an exit code, or "this command needs Quarkus" (nothing was printed then). */
    public record Outcome(int exitCode, boolean handOff) {
    }

    /** Parses and, when the command is light (or a help request, or a mistake), runs it; prints nothing else. */
    public static Outcome run(String... args) {
        CatalogHolder holder = new CatalogHolder(FuspathConfig.catalogDirWithoutQuarkus());
        String light = args.length > 0 && LIGHT.contains(args[0]) ? args[0] : null;
        if (light != null && !(light.equals("inspect") && List.of(args).contains("--catalog"))) {
            preload(holder, light);
        }
        Factory factory = new Factory(holder);
        CommandLine commandLine;
        if (light == null) {
            commandLine = new CommandLine(FuspathCommand.class, factory);
        } else {
            // `fuspath plan ...` as a station script writes it: only that subcommand's model is built; its help,
            // errors and output are the same as under the whole tree (the parent only gives the name "fuspath")
            Command top = FuspathCommand.class.getAnnotation(Command.class);
            commandLine = new CommandLine(CommandSpec.create().name(top.name()));
            commandLine.addSubcommand(light, new CommandLine(COMMANDS.get(light), factory));
        }
        CommandLineSetup.configure(commandLine);
        boolean[] handOff = {false};
        commandLine.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            CommandLine.ParseResult sub = parsed.subcommand();
            if (sub == null || LIGHT.contains(sub.commandSpec().name())) {
                return new CommandLine.RunLast().execute(parsed);
            }
            handOff[0] = true;
            return 0;
        });
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return new Outcome(code, handOff[0]);
    }

    private static final Map<String, Class<?>> COMMANDS = Map.of("plan", PlanCommand.class, "inspect",
            InspectCommand.class, "diagnose", DiagnoseCommand.class);

    /**
     * Reads the catalog on a second thread while picocli builds the command model on this one: the two take about
     * as long, and a CLI start has the cores to itself. A failure is not reported here: the command meets it again
     * when it asks the holder, and reports it as it would have.
     */
    private static void preload(CatalogHolder holder, String command) {
        Thread reader = new Thread(() -> {
            try {
                switch (command) {
                    case "plan" -> holder.planner();
                    case "diagnose" -> holder.diagnoser();
                    default -> holder.inspector();
                }
            } catch (RuntimeException e) {
                // the command asks again, and reports it
            }
        }, "fuspath-catalog");
        reader.setDaemon(true);
        reader.start();
    }

    private static void handOff(String... args) throws Throwable {
        Class<?> entry;
        try {
            entry = Class.forName(QUARKUS_ENTRY);
        } catch (ClassNotFoundException e) {
            System.err.println("fuspath: " + String.join(" ", args).split(" ", 2)[0] + " needs the Quarkus"
                    + " application: run it with java -jar quarkus-run.jar, or through the fuspath launcher");
            System.exit(5);
            return;
        }
        try {
            entry.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Makes the command objects without CDI: each gets the light {@link CatalogHolder} where its constructor asks
     * for one. Other constructor arguments (ServeCommand's ServiceSync) are only reached by commands handed to
     * Quarkus, which makes its own objects, so here they are null and serve only for help texts.
     */
    static final class Factory implements CommandLine.IFactory {
        private final CatalogHolder holder;

        Factory(CatalogHolder holder) {
            this.holder = holder;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            Constructor<?>[] constructors = cls.getConstructors();
            if (cls.getPackageName().equals(FuspathCommand.class.getPackageName()) && constructors.length == 1
                    && constructors[0].getParameterCount() > 0) {
                Class<?>[] types = constructors[0].getParameterTypes();
                Object[] values = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    values[i] = types[i] == CatalogHolder.class ? holder : null;
                }
                return cls.cast(constructors[0].newInstance(values));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
