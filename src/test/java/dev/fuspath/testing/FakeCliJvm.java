package dev.fuspath.testing;

import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatorStateFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How the fake STM32_Programmer_CLI scripts start their JVM, made once per test JVM: every fake programmer call is a
 * JVM start (a flash is a dozen or more), so their start-up is most of what the flash tests cost.
 * <p>
 * The test JVM's class path has directories (target/classes, target/test-classes), and a class-data archive
 * (AppCDS) can only map classes from jars: the directories are copied into one jar, in class-path order (the first
 * copy of a name wins, as on the class path), the Jackson jars the simulator's state file needs come next, then every
 * other jar as before. One training call of the fake CLI dumps the archive ({@code -XX:ArchiveClassesAtExit}); every
 * later call maps it. Measured on the 2-core CI machine: 1.0 s of CPU per call before, 0.45-0.5 s with the archive.
 * <p>
 * When anything here fails, the scripts run as before (the plain class path, no archive): slower, never different.
 * {@code -Xlog:disable -Xlog:all=error:stderr} keeps an archive the JVM refuses from printing a warning into the
 * programmer's standard output, which the tests parse.
 */
final class FakeCliJvm {

    private static final String[] FIRST_JARS = {"jackson-core-", "jackson-databind-", "jackson-annotations-"};
    private static FakeCliJvm instance;

    private final List<String> options;
    private final String classPath;

    private FakeCliJvm(List<String> options, String classPath) {
        this.options = List.copyOf(options);
        this.classPath = classPath;
    }

    /** The JVM options (before {@code -cp}) and class path of every fake CLI script this test JVM writes. */
    static synchronized FakeCliJvm get() {
        if (instance == null) {
            instance = make();
        }
        return instance;
    }

    List<String> options() {
        return options;
    }

    String classPath() {
        return classPath;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static final List<String> BASE = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private static FakeCliJvm make() {
        String plain = System.getProperty("java.class.path");
        if (Boolean.getBoolean("fuspath.test.fakecli.nocds")) {
            return new FakeCliJvm(BASE, plain);
        }
        try {
            Path work = Files.createDirectories(Path.of(System.getProperty("fuspath.test.workdir", "target")));
            Path dir = Files.createTempDirectory(work, "fake-cli-jvm-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            String classPath = archivableClassPath(plain, dir.resolve("classes.jar"));
            Path archive = dir.resolve("fake-cli.jsa");
            if (!train(classPath, archive, dir)) {
                return new FakeCliJvm(BASE, plain);
            }
            List<String> options = new ArrayList<>(BASE);
            options.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                    "-Xlog:all=error:stderr"));
            return new FakeCliJvm(options, classPath);
        } catch (IOException | RuntimeException e) {
            return new FakeCliJvm(BASE, plain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FakeCliJvm(BASE, plain);
        }
    }

    /** The class path with its directories copied into {@code jar}, placed first, then the Jackson jars, then the rest. */
    static String archivableClassPath(String plain, Path jar) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String entry : plain.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                dirs.add(p);
            } else if (isFirst(p.getFileName().toString())) {
                first.add(entry);
            } else if (Files.isRegularFile(p)) {
                rest.add(entry);
            }
        }
        writeJar(dirs, jar);
        List<String> all = new ArrayList<>();
        all.add(jar.toString());
        all.addAll(first);
        all.addAll(rest);
        return String.join(java.io.File.pathSeparator, all);
    }

    private static boolean isFirst(String name) {
        for (String prefix : FIRST_JARS) {
            if (name.startsWith(prefix) && name.endsWith(".jar")) {
                return true;
            }
        }
        return false;
    }

    private static void writeJar(List<Path> dirs, Path jar) throws IOException {
        Set<String> seen = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path dir : dirs) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(dir)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                    if (seen.add(name)) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    /** One call of the fake CLI (read the FUS version word of a factory board) that dumps the archive at its exit. */
    private static boolean train(String classPath, Path archive, Path dir) throws IOException, InterruptedException {
        Path state = dir.resolve("training-state.json");
        new SimulatorStateFile(state).write(SimulatorStateFile.Stored.of(DeviceState.factory("1M")));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(BASE);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath, FakeProgrammer.class.getName(),
                "-c", "port=SWD", "-r32", "0x20030030", "4"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("training.log").toFile());
        pb.environment().put(FakeProgrammer.STATE_ENV, state.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return Files.isRegularFile(archive) && Files.size(archive) > 0;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: target/ is cleaned by the build
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
