package io.portcullis.proxy.server;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What a {@link ClientConnection} asks of the exchange it runs. {@link Exchange} is the real one; a
 * connection test supplies a small one to watch the connection alone.
 */
interface ConnectionExchange {

    /** Starts it, once the connection has made it its current exchange; may end it at once. */
    void begin();

    /** Hands over one piece of the request body; ownership of {@code content} passes. */
    void onClientContent(HttpContent content);

    /** Whether the whole request (its last content) was read. */
    boolean requestComplete();

    /** The edge refused this request's body (e.g. a malformed chunk): answer or cut, and close. */
    void edgeRefused(HttpResponseStatus status, String reason);

    /** The answer to this request is the connection's last (half-close, shutdown). */
    void lastOnConnection();

    /** The client connection closed under the exchange. */
    void clientClosed();

    /** Something unexpected went wrong: answer if nothing was sent yet, else cut; never silently. */
    void failed(Throwable cause);

    /** The client read everything queued so far ({@code channelReadComplete}). */
    void clientReadComplete();

    /** The client connection's writability changed. */
    void clientWritabilityChanged(boolean writable);

    /** Makes the exchange of one request. */
    @FunctionalInterface
    interface Factory {

        /** The exchange of {@code request} on {@code connection}, not begun yet. */
        ConnectionExchange create(ClientConnection connection, HttpRequest request);
    }
}
