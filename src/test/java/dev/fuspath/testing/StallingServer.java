package dev.fuspath.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that answers every request with a 200 and its headers (a body of {@code declared} bytes
 * announced), sends the first bytes of that body, then sends nothing more until closed: the peer that stalls.
 */
public final class StallingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    public StallingServer(String contentType, int declared, String bodyStart) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declared
                + "\r\n\r\n" + bodyStart).getBytes(StandardCharsets.UTF_8);
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    held.add(s);
                    readHeaders(s.getInputStream());
                    requests.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    out.write(head);
                    out.flush();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "stalling-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void readHeaders(InputStream in) throws IOException {
        int state = 0;
        int b;
        int seen = 0;
        while (state < 4 && seen++ < 64 * 1024 && (b = in.read()) >= 0) {
            state = b == (state % 2 == 0 ? '\r' : '\n') ? state + 1 : b == '\r' ? 1 : 0;
        }
    }

    /** http://127.0.0.1:PORT */
    public String base() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
