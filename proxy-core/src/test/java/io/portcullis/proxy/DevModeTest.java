package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.portcullis.proxy.dev.DevMode;
import io.portcullis.proxy.dev.TourStep;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev-mode tour printed for newcomers is replayed here: each step must answer as it says. */
class DevModeTest {

    @Test
    void everyTourStepAnswersAsPrinted() throws Exception {
        try (DevMode dev = DevMode.start(0, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + dev.portcullis().port();
            for (TourStep step : dev.tour()) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + step.path()));
                for (Map.Entry<String, String> h : step.headers().entrySet()) {
                    b.header(h.getKey(), h.getValue());
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(step.expectedStatus(), r.statusCode(), step.title() + ": " + r.body());
                if (step.headers().containsKey("X-Forwarded-User")) {
                    assertFalse(r.body().contains("root"), "spoofed header reached the app: " + r.body());
                }
            }
        }
    }
}
