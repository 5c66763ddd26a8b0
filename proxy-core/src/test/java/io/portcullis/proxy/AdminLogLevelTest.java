package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A logger's level changed at run time through the admin listener (POST), on a real listener; never
 * from a web page, never for the decision log, never through the data plane.
 */
class AdminLogLevelTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NAME = "io.portcullis.test.loglevel";

    private static HttpResponse<String> call(int port, String method, String pathAndQuery, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    @Test
    void postSetsTheLevelGetShowsItAndInheritClearsIt() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            int admin = fx.portcullis.adminPort();
            HttpResponse<String> set = call(admin, "POST", "/loglevel?logger=" + NAME + "&level=debug");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals(NAME + ": DEBUG (effective DEBUG)\n", set.body());
            assertEquals(Level.DEBUG, logger(NAME).getLevel());
            assertEquals(NAME + ": DEBUG (effective DEBUG)\n", call(admin, "GET", "/loglevel?logger=" + NAME).body());

            HttpResponse<String> clear = call(admin, "POST", "/loglevel?logger=" + NAME + "&level=INHERIT");
            assertEquals(200, clear.statusCode());
            assertNull(logger(NAME).getLevel());
            assertTrue(clear.body().startsWith(NAME + ": inherited (effective "), clear.body());
        } finally {
            logger(NAME).setLevel(null);
        }
    }

    @Test
    void refusedFromAWebPageForTheDecisionLogAndForNonsense() throws Exception {
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.PUBLIC_APP)) {
            int admin = fx.portcullis.adminPort();
            HttpResponse<String> fromPage = call(admin, "POST", "/loglevel?logger=" + NAME + "&level=TRACE",
                    "Origin", "http://evil.example");
            assertEquals(403, fromPage.statusCode());
            assertNull(logger(NAME).getLevel(), "a web page changed nothing");

            Level decisions = logger("portcullis.decision").getLevel();
            HttpResponse<String> audit = call(admin, "POST", "/loglevel?logger=portcullis.decision&level=OFF");
            assertEquals(400, audit.statusCode());
            assertTrue(audit.body().contains("audit trail"), audit.body());
            assertEquals(decisions, logger("portcullis.decision").getLevel(), "decision lines keep flowing");

            assertEquals(400, call(admin, "POST", "/loglevel?logger=" + NAME + "&level=LOUD").statusCode());
            assertEquals(400, call(admin, "POST", "/loglevel?logger=a%0Ab&level=DEBUG").statusCode());
            assertEquals(400, call(admin, "POST", "/loglevel?level=DEBUG").statusCode());
            assertEquals(405, call(admin, "PUT", "/loglevel?logger=" + NAME + "&level=DEBUG").statusCode());
            assertEquals(405, call(admin, "POST", "/metrics").statusCode(), "POST only for /loglevel");
            assertNull(logger(NAME).getLevel());

            HttpResponse<String> dataPlane = call(fx.port(), "POST", "/loglevel?logger=" + NAME + "&level=DEBUG");
            assertEquals(404, dataPlane.statusCode(), "the data plane has no admin endpoints");
            assertNull(logger(NAME).getLevel());
        } finally {
            logger(NAME).setLevel(null);
        }
    }
}
