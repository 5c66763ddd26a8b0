package io.portcullis.proxy.edge;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * Why the edge refuses a request.
 *
 * @param status the status the client gets
 * @param reason a code from {@link EdgeReasons}; safe to show the client and to use as a metric label
 * @param close  true when the connection's framing can no longer be trusted, so nothing more may be
 *               read from it (the {@link EdgeCodec} closes after every rejection regardless)
 */
public record Rejection(HttpResponseStatus status, String reason, boolean close) {

    public Rejection {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    static Rejection badRequest(String reason, boolean close) {
        return new Rejection(HttpResponseStatus.BAD_REQUEST, reason, close);
    }
}
