package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two cheap attacks of issue 9, run on loopback against the test service with more connections than it has
 * worker threads (200): while each runs, and afterwards, a probe on another connection gets its answer within a
 * second.
 */
@QuarkusTest
class HostileClientsTest {

    /** More than the 200 worker threads Quarkus has by default. */
    static final int CONNECTIONS = 210;
    /**
     * The attack connections open 5 ms apart (about a second for all): the test shares two cores with the service,
     * and a burst of 210 connects from this same process measures the machine, not the service.
     */
    static final int PACE_MILLIS = 5;

    private static final List<String> PROBED = List.of("/api/v1/chips", "/api/v1/releases", "/releases",
            "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&target=BLE_Stack_full");

    @TestHTTPResource("/")
    URL base;

    /**
     * How long a probe may take while the attack runs: a second more than the slowest of the same probes took just
     * before, unattacked. On a machine that answers them at once (tens of ms) that is the second; on a
     * 2-core machine that other builds load to 20 or more, the machine alone can take a second to schedule a probe,
     * and that is not the service being held by the attack. What the attack did (workers pinned in blocking writes,
     * every request waiting for minutes) still fails it: the probes would wait for their whole limit, and the
     * baseline itself must be answered (within 10 s). Threads blocked in writes are counted, not timed.
     */
    private static int limitMillis;

    /**
     * The catalog is loaded, each probed answer made once, and the attacked paths taken by a few clients, before any
     * attack: the probe times the attack, not the service's start or the JIT.
     */
    @BeforeEach
    void warmUp() throws IOException, InterruptedException {
        for (String path : PROBED) {
            assertTrue(HostileClients.get(base, path, 60_000).contains(" 200 "), path);
        }
        List<Socket> few = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = HostileClients.connect(base, 1024);
                few.add(s);
                s.getOutputStream().write(pipeline().getBytes(StandardCharsets.ISO_8859_1));
            }
            HostileClients.sleep(500);
        } finally {
            HostileClients.closeAll(few);
        }
        for (String head : List.of(
                "POST /api/v1/inspect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1\r\nConnection: close\r\n\r\nA",
                "POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 1\r\nConnection: close\r\n\r\nA")) {
            try (Socket s = HostileClients.connect(base, 0)) {
                s.setSoTimeout(60_000);
                s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().readAllBytes();
            }
        }
        if (limitMillis > 0) {
            return; // measured before the first attack
        }
        HostileClients.Probe baseline = new HostileClients.Probe(base, PROBED, 10_000);
        HostileClients.sleep(2_000);
        baseline.close();
        assertEquals(List.of(), baseline.failures(), "unattacked: " + baseline.summary());
        limitMillis = (int) (HostileClients.Probe.TIMEOUT_MILLIS + baseline.max());
        System.out.printf("unattacked probes: %s; a probe under attack may take %d ms%n", baseline.summary(),
                limitMillis);
    }

    /** 100 GETs of the two largest catalog answers, in one write. */
    private static String pipeline() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            b.append("GET ").append(i % 2 == 0 ? "/api/v1/anomalies" : "/api/v1/releases")
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        return b.toString();
    }

    @Test
    void unreadPipelinedAnswersHoldNoThread() throws Exception {
        String pipeline = pipeline();
        List<Socket> attack = new ArrayList<>();
        try (HostileClients.Probe probe = new HostileClients.Probe(base, PROBED, limitMillis)) {
            long start = System.nanoTime();
            int blockedStalled = -1;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = HostileClients.connect(base, 1024);
                    attack.add(s);
                    s.getOutputStream().write(pipeline.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    HostileClients.sleep(PACE_MILLIS);
                }
                HostileClients.sleep(5_000); // stalled: connected, never reading
                blockedStalled = HostileClients.threadsBlockedInWrites();
            } finally {
                HostileClients.closeAll(attack);
            }
            long closed = System.nanoTime();
            HostileClients.sleep(4_000);
            probe.close();
            int blockedAfter = HostileClients.threadsBlockedInWrites();
            System.out.printf("pipelined unread answers: %d connections held %d ms, then closed; %s; first answer"
                            + " %d ms after the close; threads in a blocking write: %d while stalled, %d after%n",
                    attack.size(), (closed - start) / 1_000_000, probe.summary(), probe.recoveryMillis(closed),
                    blockedStalled, blockedAfter);
            assertEquals(0, blockedStalled, "threads blocked writing answers nobody reads");
            assertEquals(0, blockedAfter, "threads still blocked writing answers to closed connections");
            assertTrue(probe.count() >= 10, probe.summary() + ": " + probe.failures());
            assertEquals(List.of(), probe.failures(), probe.summary() + ": " + probe.failures());
        }
    }

    @Test
    void trickledBodiesHoldNoThreadAndAreCutOff() throws Exception {
        List<Socket> attack = new ArrayList<>();
        List<String> heads = List.of(
                "POST /api/v1/inspect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1000000\r\n\r\n",
                "POST /api/v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 1000000\r\n\r\n",
                "POST /diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 1000000\r\n\r\nlog=",
                "POST /inspect HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                        + "Content-Length: 1000000\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        try (HostileClients.Probe probe = new HostileClients.Probe(base, PROBED, limitMillis)) {
            long start = System.nanoTime();
            int cut = 0;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = HostileClients.connect(base, 0);
                    attack.add(s);
                    s.getOutputStream().write((heads.get(i % heads.size()) + "A").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    HostileClients.sleep(PACE_MILLIS);
                }
                for (int round = 0; round < 3; round++) { // a byte every 5 s
                    HostileClients.sleep(5_000);
                    for (Socket s : attack) {
                        try {
                            s.getOutputStream().write('A');
                            s.getOutputStream().flush();
                        } catch (IOException e) {
                            // cut off by the service
                        }
                    }
                }
                for (Socket s : attack) {
                    if (answeredOrClosed(s)) {
                        cut++;
                    }
                }
            } finally {
                HostileClients.closeAll(attack);
            }
            long closed = System.nanoTime();
            HostileClients.sleep(3_000);
            probe.close();
            System.out.printf("trickled bodies: %d connections held %d ms, %d cut off by the service; %s; first answer"
                            + " %d ms after the close%n",
                    attack.size(), (closed - start) / 1_000_000, cut, probe.summary(), probe.recoveryMillis(closed));
            assertTrue(probe.count() >= 10, probe.summary() + ": " + probe.failures());
            assertEquals(List.of(), probe.failures(), probe.summary() + ": " + probe.failures());
            assertEquals(attack.size(), cut, "every trickled body is cut off");
        }
    }

    /** True when the service has answered 408 or 503 on this connection and closed it, or closed it. */
    private static boolean answeredOrClosed(Socket s) throws IOException {
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        StringBuilder got = new StringBuilder();
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            // 408: the body came too slowly; 503: more bodies than the service reads at once were already coming
            return got.length() == 0 || got.toString().startsWith("HTTP/1.1 408")
                    || got.toString().startsWith("HTTP/1.1 503");
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
