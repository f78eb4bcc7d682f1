package dev.fuspath.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** HTTP at the socket, for what clients cannot send: a request head that announces a body it never sends. */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code head} and reads the answer until {@code complete} holds for what arrived, the server closes, or
     * 3 s pass; returns what arrived.
     */
    public static String headThenWait(URL base, String head, Predicate<String> complete) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(3_000);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    got.write(buffer, 0, n);
                    if (complete.test(got.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // return what arrived
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
