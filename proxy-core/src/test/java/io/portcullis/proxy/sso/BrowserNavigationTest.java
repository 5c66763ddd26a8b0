package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class BrowserNavigationTest {

    private static HttpRequest request(HttpMethod method, String accept) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/");
        if (accept != null) {
            r.headers().set("Accept", accept);
        }
        return r;
    }

    @Test
    void pageLoadsAreNavigations() {
        assertTrue(BrowserNavigation.test(request(HttpMethod.GET, "text/html,application/xhtml+xml,*/*;q=0.8")));
        assertTrue(BrowserNavigation.test(request(HttpMethod.HEAD, "text/html")));
    }

    @Test
    void apiCallsAndFormPostsAreNot() {
        assertFalse(BrowserNavigation.test(request(HttpMethod.GET, "application/json")));
        assertFalse(BrowserNavigation.test(request(HttpMethod.GET, "*/*")));
        assertFalse(BrowserNavigation.test(request(HttpMethod.GET, null)));
        assertFalse(BrowserNavigation.test(request(HttpMethod.POST, "text/html")), "a POST body would be lost");
    }
}
