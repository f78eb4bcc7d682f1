package dev.fuspath.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake STM32_Programmer_CLI's fast form: the executable is a small bash script, a real process of its own, that
 * sends its arguments and working folder over a loopback socket to this server in the test JVM, copies what the
 * simulated tool answers to its standard output as it comes, and exits with the simulated tool's exit code. The
 * executor under test still starts a process per programmer call, reads its output through a pipe, times it out and
 * kills it (the script and its {@code cat} are its descendants); only the simulator runs in the test JVM instead of a
 * JVM of its own per call, which made a flash test's dozen calls cost about half a second of CPU each.
 * <p>
 * A hung call blocks the script as it blocked the JVM: the server's thread sleeps and the script waits on the socket
 * until the caller kills it. Used when {@code bash} with {@code /dev/tcp} is there ({@link #available()}); otherwise the
 * scripts start a JVM per call ({@link FakeCliJvm}).
 * <p>
 * Wire: the script writes NUL-terminated words: kind, value (the state file or rack folder), working folder, exit-code
 * file, argument count, the arguments. The server writes the answer, then the exit code into the exit-code file, then
 * closes its side.
 */
final class FakeCliServer {

    /** What one kind of fake CLI answers to one call (the simulated device's or the simulated rack's). */
    interface Answer {
        int answer(Path value, List<String> args, Path workingDir, OutputStream out) throws Exception;
    }

    private static final int MAX_WORD = 1 << 20;
    private static FakeCliServer instance;
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private final ServerSocket socket;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final String bash;

    private FakeCliServer(ServerSocket socket, String bash) {
        this.socket = socket;
        this.bash = bash;
    }

    /** The server of this test JVM, started on first use; null when bash with /dev/tcp is not there. */
    static synchronized FakeCliServer get() {
        if (instance == null && !Boolean.getBoolean("fuspath.test.fakecli.jvm")) {
            String bash = bash();
            if (bash == null) {
                return null;
            }
            try {
                ServerSocket s = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
                FakeCliServer server = new FakeCliServer(s, bash);
                Thread t = new Thread(server::acceptLoop, "fake-cli-server");
                t.setDaemon(true);
                t.start();
                instance = server;
            } catch (IOException e) {
                return null;
            }
        }
        return instance;
    }

    /** One lock per state file or rack folder: the simulator's file lock is per process, calls here share one. */
    static Object lockFor(Path value) {
        return LOCKS.computeIfAbsent(value.toAbsolutePath().normalize().toString(), k -> new Object());
    }

    private static String bash() {
        for (String candidate : new String[] {"/bin/bash", "/usr/bin/bash"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    void register(String kind, Answer answer) {
        answers.putIfAbsent(kind, answer);
    }

    /** Writes the executable script for {@code kind} on {@code value} into {@code dir}. */
    Path script(Path dir, String kind, Path value) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("STM32_Programmer_CLI");
        String text = "#!" + bash + "\n"
                + "# A fake STM32_Programmer_CLI (fuspath tests, testing/FakeCliServer): sends its arguments to the\n"
                + "# simulator in the test JVM, prints its answer as it comes, exits with its exit code.\n"
                + "exit_file=\"${TMPDIR:-/tmp}/fake-stm32-cli.$$.$RANDOM\"\n"
                + "exec 3<>/dev/tcp/127.0.0.1/" + socket.getLocalPort() + " || exit 70\n"
                + "{ printf '%s\\0' " + quote(kind) + " " + quote(value.toAbsolutePath().toString())
                + " \"$PWD\" \"$exit_file\" \"$#\"; if [ $# -gt 0 ]; then printf '%s\\0' \"$@\"; fi; } >&3\n"
                + "cat <&3\n"
                + "exec 3<&-\n"
                + "code=70\n"
                + "if [ -f \"$exit_file\" ]; then read -r code < \"$exit_file\"; rm -f \"$exit_file\"; fi\n"
                + "exit \"$code\"\n";
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> serve(s), "fake-cli-call");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String kind = word(in);
            Path value = Path.of(word(in));
            Path cwd = Path.of(word(in));
            Path exitFile = Path.of(word(in));
            int count = Integer.parseInt(word(in));
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add(word(in));
            }
            OutputStream out = s.getOutputStream();
            int code;
            Answer answer = answers.get(kind);
            if (answer == null) {
                out.write(("fake STM32_Programmer_CLI: no simulator for " + kind + "\n").getBytes(StandardCharsets.UTF_8));
                code = 2;
            } else {
                try {
                    code = answer.answer(value, args, cwd, out);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // what a crashing JVM would show: the error, exit code 1
                    out.write(("fake STM32_Programmer_CLI failed: " + e + "\n").getBytes(StandardCharsets.UTF_8));
                    code = 1;
                }
            }
            out.flush();
            Files.writeString(exitFile, code + "\n");
            s.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            // the caller went away (killed mid-call) or sent nonsense: nothing to answer
        }
    }

    private static String word(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != 0) {
            if (c < 0) {
                throw new EOFException("the fake CLI script closed before its last word");
            }
            if (b.size() >= MAX_WORD) {
                throw new IOException("a word over " + MAX_WORD + " bytes");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /**
     * The arguments with each relative name of an existing file made absolute against {@code workingDir}, the fake
     * CLI script's working folder (the test JVM's may differ).
     */
    static List<String> absolute(List<String> args, Path workingDir) {
        List<String> absolute = new ArrayList<>(args.size());
        for (String a : args) {
            String abs = a;
            try {
                Path p = Path.of(a);
                if (!a.isEmpty() && !p.isAbsolute() && Files.isRegularFile(workingDir.resolve(p))) {
                    abs = workingDir.resolve(p).toString();
                }
            } catch (InvalidPathException e) {
                // not a path
            }
            absolute.add(abs);
        }
        return absolute;
    }

    /**
     * What {@code read} reads for the arguments made {@link #absolute}, keyed back by the names the arguments used.
     */
    static Map<String, byte[]> keyedBack(List<String> args, Path workingDir,
            java.util.function.Function<List<String>, Map<String, byte[]>> read) {
        List<String> absolute = absolute(args, workingDir);
        Map<String, byte[]> read0 = read.apply(absolute);
        Map<String, byte[]> back = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            byte[] bytes = read0.get(absolute.get(i));
            if (bytes != null) {
                back.put(args.get(i), bytes);
            }
        }
        return back;
    }
}
