package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Whether a request is a browser loading a page (GET or HEAD asking for HTML) rather than an API call:
 * only a page load may be redirected to a login; an API client gets a 401 it can act on.
 */
public final class BrowserNavigation {

    private BrowserNavigation() {
    }

    public static boolean test(HttpRequest request) {
        HttpMethod method = request.method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return false;
        }
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
