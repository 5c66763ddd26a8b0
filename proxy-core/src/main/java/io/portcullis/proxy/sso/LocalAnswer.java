package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * A response the proxy makes itself, with the reason code the decision log records for it (e.g.
 * {@code login-complete}, {@code login-state-invalid}, {@code logout}).
 */
public record LocalAnswer(FullHttpResponse response, String reason) {
}
