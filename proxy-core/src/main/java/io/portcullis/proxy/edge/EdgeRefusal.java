package io.portcullis.proxy.edge;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * The user event the edge fires down the pipeline when it refuses a request: the handler after the
 * edge (the proxy's connection) answers it, records the decision, and closes the connection once the
 * answer is flushed. By the time it fires the edge has already stopped reading requests from the
 * connection: nothing after the refused request reaches the next handler. Firing an event, rather
 * than calling a sink, leaves the edge unaware of who answers: the connection decides whether the
 * refusal ends the request in progress, waits behind pipelined requests, or is answered at once.
 *
 * @param status the status to answer with
 * @param reason a code from {@link EdgeReasons}, safe to show the client
 * @param method the refused request's method, or null when no head was decoded
 * @param path   the refused request's canonical path, or null when it had none (no head decoded, or a
 *               request-target the edge refused)
 */
public record EdgeRefusal(HttpResponseStatus status, String reason, String method, String path) {

    public EdgeRefusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
