package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) apply to one connection and must never be forwarded: the
 * fixed set, plus every header the sender named in {@code Connection}. Framing headers are removed
 * too; the proxy re-frames each message itself.
 */
public final class HopByHop {

    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString[] FIXED = {
        HttpHeaderNames.CONNECTION, KEEP_ALIVE, PROXY_CONNECTION, HttpHeaderNames.TE,
        HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE,
        HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE,
    };

    private HopByHop() {
    }

    /** Removes hop-by-hop headers in place. */
    public static void strip(HttpHeaders headers) {
        List<String> named = null;
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String t = token.trim();
                if (!t.isEmpty()) {
                    if (named == null) {
                        named = new ArrayList<>(2);
                    }
                    named.add(t);
                }
            }
        }
        if (named != null) {
            for (String n : named) {
                headers.remove(n);
            }
        }
        for (AsciiString name : FIXED) {
            headers.remove(name);
        }
    }
}
