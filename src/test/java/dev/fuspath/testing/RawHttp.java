package dev.fuspath.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * HTTP at the socket, for what clients cannot send: a request head that announces a body it never sends, malformed
 * request lines and headers, pipelined requests. Requests are sent byte for byte as given (ISO-8859-1 for text).
 */
public final class RawHttp {

    /** Reads until the server closes (or a read waits too long). */
    public static final Predicate<String> UNTIL_CLOSED = text -> false;

    private RawHttp() {
    }

    /**
     * Sends {@code request} as it is and returns everything the service answers until {@code complete} holds for what
     * arrived, the server closes or resets the connection, or a read waits {@code readTimeoutMillis} for nothing.
     * A service that answers and closes before the whole request is sent is not an error: its answer is returned.
     */
    public static String exchange(URL base, byte[] request, int readTimeoutMillis, Predicate<String> complete)
            throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the service may answer and close before the whole request is sent
            }
            return read(socket, complete);
        }
    }

    /** {@link #exchange(URL, byte[], int, Predicate)} of text, until the server closes or 5 s pass without a byte. */
    public static String exchange(URL base, String request) throws IOException {
        return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), 5_000, UNTIL_CLOSED);
    }

    /** {@link #exchange(URL, byte[], int, Predicate)} of text, until the first answer is whole (see {@link #whole}). */
    public static String firstAnswer(URL base, String request, int readTimeoutMillis) throws IOException {
        return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), readTimeoutMillis, RawHttp::whole);
    }

    /**
     * Sends {@code head} and reads the answer until {@code complete} holds for what arrived, the server closes, or
     * a read waits 3 s; returns what arrived.
     */
    public static String headThenWait(URL base, String head, Predicate<String> complete) throws IOException {
        return exchange(base, head.getBytes(StandardCharsets.ISO_8859_1), 3_000, complete);
    }

    /** Opens a connection and sends {@code head} on it; the caller reads and closes. */
    public static Socket send(URL base, String head) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** Reads from {@code socket} until {@code complete} holds, it closes or resets, or a read times out. */
    public static String read(Socket socket, Predicate<String> complete) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
                if (complete.test(got.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // what arrived is the answer
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** True when the first answer's head is in and its body has the Content-Length the head gives. */
    public static boolean whole(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : response.substring(0, end).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return response.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }

    /** The head of the first answer in {@code response}, lower-cased. */
    public static String head(String response) {
        int end = response.indexOf("\r\n\r\n");
        return (end < 0 ? response : response.substring(0, end)).toLowerCase(Locale.ROOT);
    }

    /** What follows the first answer's head. */
    public static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }
}
