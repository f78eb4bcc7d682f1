package dev.fuspath.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Loopback clients for the hostile-client tests: attack connections, and a probe that asks for an answer on a
 * connection of its own every {@link Probe#PERIOD_MILLIS} and records how long each took.
 */
final class HostileClients {

    private HostileClients() {
    }

    static Socket connect(URL base, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect, so the window it advertises is small
        }
        socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 2_000);
        return socket;
    }

    static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /**
     * One request on a new connection; returns the status line, or throws when no whole answer came within
     * {@code timeoutMillis}.
     */
    static String get(URL base, String path, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    throw new SocketTimeoutException("answer not complete in " + timeoutMillis + " ms");
                }
                socket.setSoTimeout(left);
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            if (eol < 0) {
                throw new IOException("no status line: '" + text + "'");
            }
            return text.substring(0, eol);
        }
    }

    /** Asks for {@code paths} in turn, each on a new connection, until stopped; records every latency. */
    static final class Probe implements AutoCloseable {

        static final int PERIOD_MILLIS = 100;
        /** Issue 9: a probe gets its answer within a second (on a machine that answers it at once unattacked). */
        static final int TIMEOUT_MILLIS = 1_000;

        private final URL base;
        private final int limitMillis;
        private final List<String> paths;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        /** For each probe answered 200 within the timeout: when it was sent, in System.nanoTime(). */
        private final List<Long> answeredAt = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private final long born = System.nanoTime();

        /** A probe whose every answer must come within {@code limitMillis}. */
        Probe(URL base, List<String> paths, int limitMillis) {
            this.base = base;
            this.limitMillis = limitMillis;
            this.paths = paths;
            this.thread = new Thread(this::run, "probe");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            int i = 0;
            while (running.get()) {
                String path = paths.get(i++ % paths.size());
                long start = System.nanoTime();
                try {
                    String status = get(base, path, limitMillis);
                    long millis = (System.nanoTime() - start) / 1_000_000L;
                    if (!status.contains(" 200 ")) {
                        failures.add(path + ": " + status);
                    } else if (millis > limitMillis) {
                        failures.add(path + ": answered in " + millis + " ms");
                    } else {
                        answeredAt.add(start);
                    }
                    latencies.add(millis);
                } catch (IOException e) {
                    long millis = (System.nanoTime() - start) / 1_000_000L;
                    failures.add(path + ": " + e + " after " + millis + " ms, at " + (System.nanoTime() - born) / 1_000_000L
                            + " ms");
                    latencies.add(millis);
                }
                sleep(PERIOD_MILLIS);
            }
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        /** Milliseconds from {@code nanoTime} to the first probe sent after it that was answered in time; -1 if none. */
        long recoveryMillis(long nanoTime) {
            synchronized (answeredAt) {
                return answeredAt.stream().filter(t -> t >= nanoTime).findFirst()
                        .map(t -> (t - nanoTime) / 1_000_000L).orElse(-1L);
            }
        }

        int count() {
            return latencies.size();
        }

        /** The longest a probe took, in ms; 0 if none ran. */
        long max() {
            synchronized (latencies) {
                return latencies.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }

        /** "n probes, p50 x ms, max y ms". */
        String summary() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "no probes";
            }
            return sorted.size() + " probes, p50 " + sorted.get(sorted.size() / 2) + " ms, max "
                    + sorted.get(sorted.size() - 1) + " ms, " + failures.size() + " failed";
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }

    /** How many threads of this JVM wait in a blocking write of an HTTP answer. */
    static int threadsBlockedInWrites() {
        int n = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if (frame.getMethodName().equals("awaitWriteable") || frame.getMethodName().equals("writeBlocking")) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects what the service logs at ERROR or with a stack trace, while installed on the root logger. */
    static final class LogCapture extends Handler implements AutoCloseable {

        private final List<String> records = Collections.synchronizedList(new ArrayList<>());
        private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");

        LogCapture() {
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
                records.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " [" + record.getThrown() + "]"));
            }
        }

        List<String> errorsOrTraces() {
            return List.copyOf(records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
