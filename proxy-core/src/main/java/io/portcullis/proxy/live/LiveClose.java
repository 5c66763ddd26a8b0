package io.portcullis.proxy.live;

/**
 * How a long-lived exchange is ended when it is no longer allowed; called on the exchange's own event
 * loop only. A WebSocket sends a close frame (1008, policy violation) and closes; an HTTP/2 stream is
 * reset (RST_STREAM CANCEL); an HTTP/1.1 response is cut by closing its connection.
 */
@FunctionalInterface
public interface LiveClose {

    /** Ends the exchange; {@code reason} is what its own log line says. */
    void close(String reason);
}
