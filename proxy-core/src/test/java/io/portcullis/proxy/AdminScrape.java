package io.portcullis.proxy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The admin listener's {@code /metrics}, read after full collections so that a weakly held gauge would read NaN. */
public final class AdminScrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminScrape() {
    }

    /** Runs the collector a few times, then scrapes. */
    public static String afterGc(ProxyFixture fx) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fx.portcullis.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode());
        }
        return r.body();
    }
}
