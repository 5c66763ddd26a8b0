package io.portcullis.proxy.forward;

import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;

/**
 * What {@link RequestRewrite} reads of a plain HTTP request (no WebSocket) from a peer that is not a
 * trusted proxy: the synthetic requests of the start's warm-up and of the benchmarks.
 */
public record PlainRequestFacts(Route route, Verdict verdict, InetAddress peer, String requestId)
        implements RequestRewrite.Facts {

    @Override
    public boolean peerTrusted() {
        return false;
    }

    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public boolean websocket() {
        return false;
    }
}
