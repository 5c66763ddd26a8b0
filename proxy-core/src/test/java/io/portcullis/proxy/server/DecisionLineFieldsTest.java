package io.portcullis.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import io.portcullis.proxy.SharedProxy;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What decision lines say of requests the edge refused (method, path and config hash where known),
 * and whose X-Request-Id becomes the line's {@code request_id}.
 */
class DecisionLineFieldsTest {

    static ProxyFixture fx;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(() -> ProxyFixture.EXAMPLE, f -> fx = f);

    private static final Pattern CONFIG_HASH = Pattern.compile("\"config_sha256\":\"[0-9a-f]{64}\"");

    private static String refused(String raw, String reason) throws Exception {
        try (RawHttp c = fx.client()) {
            c.send(raw);
            RawHttp.Response r = c.read();
            assertTrue(r.body().contains(reason), r.body());
        }
        String line = fx.awaitDecision("\"reasons\":[\"" + reason + "\"]");
        assertTrue(CONFIG_HASH.matcher(line).find(), "the config hash is always known: " + line);
        return line;
    }

    @Test
    void aRefusedHeadWithAUsableTargetNamesItsMethodAndCanonicalPath() throws Exception {
        String line = refused("GET /public/a/./b HTTP/1.1\r\n\r\n", "host-missing");
        assertTrue(line.contains("\"method\":\"GET\",\"path\":\"/public/a/b\""), line);
    }

    @Test
    void aRefusedTargetHasAMethodAndNoPath() throws Exception {
        String line = refused("DELETE /public/a;x=1 HTTP/1.1\r\nHost: app.test\r\n\r\n", "path-parameter");
        assertTrue(line.contains("\"method\":\"DELETE\",\"path\":null"), line);
    }

    @Test
    void anUndecodableHeadHasNeitherMethodNorPath() throws Exception {
        String line = refused("GET /public/a HTTP/1.1\nHost: app.test\n\n", "bare-lf");
        assertTrue(line.contains("\"method\":null,\"path\":null"), line);
    }

    @Test
    void aTrustedProxysRequestIdIsKeptAsOurs() throws Exception {
        try (ProxyFixture trusted = new ProxyFixture("trusted_proxies: [127.0.0.1/32]\n" + ProxyFixture.EXAMPLE);
             RawHttp c = trusted.client()) {
            RawHttp.Response r = c.get("/public/x", "X-Request-Id: trace-123");
            assertEquals(200, r.status());
            assertEquals("trace-123", r.header("x-request-id"));
            assertEquals("trace-123", trusted.upstream.takeRequest(Duration.ofSeconds(5)).header("X-Request-Id"));
            String line = trusted.awaitDecision("\"request_id\":\"trace-123\"");
            assertTrue(line.contains("\"client_request_id\":null"), line);
        }
    }

    @Test
    void anUntrustedClientsRequestIdIsKeptApartAndNeverOurs() throws Exception {
        try (RawHttp c = fx.client()) {
            RawHttp.Response r = c.get("/public/x", "X-Request-Id: forged-id");
            assertEquals(200, r.status());
            String ours = r.header("x-request-id");
            assertTrue(ours.matches("[0-9a-f]{32}"), ours);
            String line = fx.awaitDecision("\"client_request_id\":\"forged-id\"");
            assertTrue(line.contains("\"request_id\":\"" + ours + "\""), line);
        }
    }
}
