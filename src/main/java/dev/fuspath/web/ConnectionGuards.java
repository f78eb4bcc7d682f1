package dev.fuspath.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.json.Json;
import io.vertx.core.net.impl.TCPServerBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What every connection goes through below the router, in its Netty pipeline: a request of another HTTP major
 * version than 1 ({@code HTTP/2.0}, {@code HTTP/0.9}, {@code PRI * HTTP/2.0}) is answered 400 with a problem document
 * and the connection closed before Vert.x sees it (Vert.x takes {@code HTTP/2.0} on an HTTP/1 connection for HTTP/2,
 * and Quarkus then logs an ERROR with a stack trace for the missing {@code :authority} pseudo-header: a client could
 * write traces into the log at will); and {@code X-Content-Type-Options: nosniff} on the answers the router never
 * sees. Vert.x answers a request it cannot decode itself (a request line or version it cannot read, a malformed
 * Content-Length: 400; a request line over 4096 bytes: 414; headers over the limit: 431) through its default
 * invalid-request handler, and Quarkus gives no hook to replace that handler or to add to a connection's pipeline.
 * So, once the server listens, a handler on the listening channel gives every accepted connection two Netty
 * handlers: one after the HTTP encoder's position (it sees the response objects Vert.x writes, before they are
 * encoded) that sets the header on every final answer, and the version guard after the decoder.
 * <p>
 * Not covered, and why (HttpPostureTest says the same): when Netty hands Vert.x a request it decoded with a failure
 * that is neither an over-long line nor an over-long header, Vert.x's default handler closes the connection
 * unanswered, so there is no answer to mark; and the connections accepted in the instant between the bind and this
 * hook (the start event comes just after) get the header on routed answers only, from {@link HttpGuards}.
 * <p>
 * Reaching the listening channel takes one private field of Vert.x ({@code TCPServerBase.bindFuture}); if a Vert.x
 * upgrade renames it, the hook logs a warning and HttpPostureTest fails on the decoder's answers.
 */
@ApplicationScoped
public class ConnectionGuards {

    private static final Logger LOG = Logger.getLogger(ConnectionGuards.class);

    static final String NAME = "fuspath-nosniff";
    private static final Set<Channel> HOOKED = ConcurrentHashMap.newKeySet();

    void onStart(@ObservesAsync HttpServerStart start, Vertx vertx) {
        hook(vertx);
    }

    /** Hooks every listening HTTP server of {@code vertx} not hooked yet; returns how many listening channels are hooked. */
    static synchronized int hook(Vertx vertx) {
        Map<?, HttpServerImpl> shared = ((VertxInternal) vertx).sharedHttpServers();
        List<HttpServerImpl> servers;
        synchronized (shared) {
            servers = List.copyOf(shared.values());
        }
        for (HttpServerImpl server : servers) {
            try {
                Field field = TCPServerBase.class.getDeclaredField("bindFuture");
                field.setAccessible(true);
                Future<?> bound = (Future<?>) field.get(server);
                if (bound != null && bound.succeeded() && bound.result() instanceof Channel listening
                        && HOOKED.add(listening)) {
                    listening.pipeline().addFirst(NAME, new Accepted());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("cannot put X-Content-Type-Options on the answers Vert.x makes itself: %s", e);
            }
        }
        HOOKED.removeIf(c -> !c.isOpen());
        return HOOKED.size();
    }

    /** How many listening channels are hooked. */
    static int hooked() {
        HOOKED.removeIf(c -> !c.isOpen());
        return HOOKED.size();
    }

    /** On the listening channel: puts an {@link Installer} first in each accepted connection's pipeline. */
    @ChannelHandler.Sharable
    static final class Accepted extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel connection) {
                connection.pipeline().addFirst(NAME + "-installer", new Installer());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Once Vert.x has built the connection's pipeline (it is active), puts {@link #NOSNIFF} after the encoder and a
     * {@link VersionGuard} after the decoder.
     */
    static final class Installer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            if (pipeline.get("httpEncoder") != null && pipeline.get(NAME) == null) {
                pipeline.addAfter("httpEncoder", NAME, NOSNIFF);
            }
            if (pipeline.get("httpDecoder") != null && pipeline.get(NAME + "-version") == null) {
                pipeline.addAfter("httpDecoder", NAME + "-version", new VersionGuard());
            }
            pipeline.remove(this);
            ctx.fireChannelActive();
        }
    }

    /** Answers a request of HTTP major version other than 1 with a 400 problem, then closes; drops what follows. */
    static final class VersionGuard extends ChannelInboundHandlerAdapter {
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!refused && msg instanceof HttpRequest request && request.decoderResult().isSuccess()
                    && request.protocolVersion().majorVersion() != 1) {
                refused = true;
            }
            if (!refused) {
                ctx.fireChannelRead(msg);
                return;
            }
            ReferenceCountUtil.release(msg);
            if (msg instanceof HttpRequest) {
                byte[] body = Json.encode(new Problem("about:blank", "Bad request", 400,
                        "the service speaks HTTP/1.1", null, null)).getBytes(StandardCharsets.UTF_8);
                FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
                answer.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                // from the tail, so the answer passes the encoder (after this handler) and the nosniff handler
                ctx.channel().writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** Sets the header on every final answer written on the connection. */
    static final ChannelHandler NOSNIFF = new Nosniff();

    @ChannelHandler.Sharable
    static final class Nosniff extends ChannelDuplexHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                response.headers().set("X-Content-Type-Options", "nosniff");
            }
            ctx.write(msg, promise);
        }
    }
}
