package io.portcullis.proxy.sso;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Whether a request is a browser loading a page (GET or HEAD asking for HTML) rather than an API call:
 * only a page load may be redirected to a login; an API client gets a 401 it can act on.
 */
public final class BrowserNavigation {

    private BrowserNavigation() {
    }

    public static boolean test(HttpRequest request) {
        return test(request.method().name(), request.headers().get(HttpHeaderNames.ACCEPT));
    }

    /** @param accept the request's Accept header, or null */
    public static boolean test(String method, String accept) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        return accept != null && accept.contains("text/html");
    }
}
