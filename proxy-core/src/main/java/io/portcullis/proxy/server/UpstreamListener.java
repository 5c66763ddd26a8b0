package io.portcullis.proxy.server;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/** Receives what an upstream connection reads for the exchange currently using it. */
interface UpstreamListener {

    void onResponseHead(HttpResponse response);

    /** Ownership of {@code content} passes to the listener. */
    void onResponseContent(HttpContent content);

    void onUpstreamReadComplete();

    void onUpstreamWritabilityChanged(boolean writable);

    /** The upstream connection closed or failed. */
    void onUpstreamClosed(Throwable cause);
}
