package dev.fuspath.web;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Socket options application.properties has no key for. The send buffer is fixed at {@link #SEND_BUFFER_BYTES}:
 * left to the kernel, it grows to megabytes per connection, and a client that pipelines requests and reads nothing
 * then has the service render and copy dozens of answers into it before the answers queue up in the service,
 * where {@link HttpGuards} holds the next request back. 64 KiB still fills a LAN link at these answer sizes.
 */
@ApplicationScoped
public class ServerOptions implements HttpServerOptionsCustomizer {

    static final int SEND_BUFFER_BYTES = 64 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(SEND_BUFFER_BYTES);
        // HTTP/1.1 only (quarkus.http.http2=false covers TLS and the Upgrade header, not the cleartext preface)
        options.setHttp2ClearTextEnabled(false);
    }
}
