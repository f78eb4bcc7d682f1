package dev.fuspath.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.LineActivity;
import dev.fuspath.records.RecordStore;
import dev.fuspath.records.RecordStoreException;
import dev.fuspath.records.RecordSummary;
import dev.fuspath.web.RecordsDatabase;
import dev.fuspath.web.RecordsResource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.fuspath.app.FuspathConfig;
import org.jboss.logging.Logger;

/**
 * The live part of /line: server-sent events to every viewer of this instance when any instance stores records.
 *
 * <p><b>Across instances, by polling.</b> One thread per instance reads {@link RecordStore#changeMarker()} (one row
 * per station) every {@code fuspath.records.events.poll} (2 s) while at least one viewer is connected, and when it
 * grew, renders the page's parts once and sends them to every viewer. A record stored by another instance reaches
 * this instance's viewers within one poll; one stored here is sent at once. PostgreSQL's LISTEN/NOTIFY would save the
 * 2 s, but needs a connection held open outside the pool on each instance and a second path for the embedded H2;
 * the poll costs one indexed read every 2 s per instance, not per viewer, and works on both stores the same way.
 *
 * <p><b>Bounded.</b> At most {@code fuspath.records.events.max-clients} (200) viewers per instance; the next gets a
 * 503. No thread is held per viewer: an open stream is an entry in a map, written from the poll thread through
 * Vert.x's non-blocking writes. A viewer that has not taken the previous event when the next one is due (it stopped
 * reading) is dropped, so nothing piles up in memory for it. A comment every 15 s keeps idle streams (and the
 * proxies between) open, and tells this instance which viewers are gone.
 */
@ApplicationScoped
public class LineEvents implements dev.fuspath.web.LineViewers {

    private static final Logger LOG = Logger.getLogger(LineEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordsDatabase database;
    private final int maxClients;
    private final Duration poll;
    private final Duration keepAlive;
    private final Clock clock = Clock.systemUTC();
    private final Map<SseEventSink, Viewer> viewers = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile Snapshot last;
    private volatile Instant lastKeepAlive = Instant.EPOCH;

    /** The page's state at a marker: the event's JSON, and the hour it was rendered in (the window moves hourly). */
    record Snapshot(long marker, long hour, String json) {
    }

    private static final class Viewer {
        final Sse sse;
        volatile CompletionStage<?> pending = CompletableFuture.completedFuture(null);

        Viewer(Sse sse) {
            this.sse = sse;
        }
    }

    public LineEvents(RecordsDatabase database, FuspathConfig config) {
        this.database = database;
        this.maxClients = config.records().events().maxClients();
        this.poll = config.records().events().poll();
        this.keepAlive = config.records().events().keepAlive();
    }

    /** Takes a viewer's stream, or answers false when this instance has its maximum of viewers already. */
    @Override
    public boolean subscribe(SseEventSink sink, Sse sse) {
        synchronized (viewers) {
            if (viewers.size() >= maxClients) {
                return false;
            }
            viewers.put(sink, new Viewer(sse));
        }
        scheduler().execute(() -> {
            Snapshot s = current(true);
            if (s != null) {
                send(sink, event(sse, s));
            } else {
                send(sink, sse.newEventBuilder().comment("the records database cannot be reached; retrying").build());
            }
        });
        return true;
    }

    public int viewers() {
        return viewers.size();
    }

    /** Records were stored on this instance: tell its viewers now rather than at the next poll. */
    void stored(@ObservesAsync RecordsResource.RecordsStored event) {
        if (!viewers.isEmpty()) {
            scheduler().execute(this::tick);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
        viewers.keySet().forEach(LineEvents::close);
        viewers.clear();
    }

    private ScheduledExecutorService scheduler() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            synchronized (this) {
                if (scheduler == null) {
                    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "line-events");
                        t.setDaemon(true);
                        return t;
                    });
                    scheduler.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                s = scheduler;
            }
        }
        return s;
    }

    /** One poll: drop the viewers gone, send new state if records arrived, else a keep-alive when due. */
    private void tick() {
        try {
            viewers.keySet().removeIf(SseEventSink::isClosed);
            if (viewers.isEmpty()) {
                return;
            }
            Snapshot before = last;
            Snapshot now = current(false);
            Instant t = clock.instant();
            if (now != null && now != before) {
                viewers.forEach((sink, v) -> send(sink, event(v.sse, now)));
                lastKeepAlive = t;
            } else if (Duration.between(lastKeepAlive, t).compareTo(keepAlive) >= 0) {
                viewers.forEach((sink, v) -> send(sink, v.sse.newEventBuilder().comment("keep-alive").build()));
                lastKeepAlive = t;
            }
        } catch (RuntimeException e) {
            LOG.warnf("line events: %s", e.getMessage()); // the next poll tries again
        }
    }

    /** The snapshot for the store's marker, rendered again only when records arrived or the hour turned. */
    private Snapshot current(boolean forNewViewer) {
        RecordStore store;
        long marker;
        try {
            store = database.store();
            marker = store.changeMarker();
        } catch (RecordStoreException e) {
            LOG.debugf("line events: %s", e.getMessage());
            return forNewViewer ? last : null;
        }
        Instant now = clock.instant();
        long hour = Math.floorDiv(now.getEpochSecond(), 3600);
        Snapshot s = last;
        if (s != null && s.marker() == marker && s.hour() == hour) {
            return s;
        }
        try {
            Instant since = LineView.since(now);
            RecordSummary summary = store.summary(Optional.of(since));
            LineView view = LineView.of(summary, store.activity(since), now);
            ObjectNode data = JSON.createObjectNode();
            data.put("attempts", marker);
            data.put("updatedAt", now.toString());
            data.set("summary", RecordsResource.summaryJson(summary));
            ObjectNode parts = data.putObject("parts");
            parts.put("summary", Templates.line$summary(view).render());
            parts.put("stations", Templates.line$stations(view).render());
            parts.put("plot", Templates.line$plot(view).render());
            parts.put("updated", "updated " + view.updated());
            s = new Snapshot(marker, hour, data.toString());
            last = s;
            return s;
        } catch (RecordStoreException e) {
            LOG.debugf("line events: %s", e.getMessage());
            return forNewViewer ? last : null;
        }
    }

    static LineView view(RecordStore store, Instant now) {
        Instant since = LineView.since(now);
        return LineView.of(store.summary(Optional.of(since)), store.activity(since), now);
    }

    private static OutboundSseEvent event(Sse sse, Snapshot s) {
        return sse.newEventBuilder().name("line").id(Long.toString(s.marker())).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, s.json()).reconnectDelay(5000).build();
    }

    private void send(SseEventSink sink, OutboundSseEvent event) {
        Viewer v = viewers.get(sink);
        if (v == null) {
            return;
        }
        if (sink.isClosed() || !v.pending.toCompletableFuture().isDone()) {
            // gone, or not reading: its previous event is still unwritten
            viewers.remove(sink);
            close(sink);
            return;
        }
        try {
            v.pending = sink.send(event).exceptionally(e -> {
                viewers.remove(sink);
                close(sink);
                return null;
            });
        } catch (RuntimeException e) {
            viewers.remove(sink);
            close(sink);
        }
    }

    private static void close(SseEventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
