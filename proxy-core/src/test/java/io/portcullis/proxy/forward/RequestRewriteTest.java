package io.portcullis.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.ConfigLoader;
import io.portcullis.identity.Identity;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.auth.Verdict;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upstream request's headers as a function of the client's headers, the config and the facts: no channel. */
class RequestRewriteTest {

    private static final RuntimeConfig RC = runtime("""
            trusted_proxies: [10.0.0.0/8]
            routes:
              - id: app
                match: { path_prefix: /app }
                upstream: http://127.0.0.1:9
                policy: public
                identity_headers: { X-Forwarded-User: sub, X-Forwarded-Groups: groups }
              - id: passing
                match: { path_prefix: /pass }
                upstream: http://127.0.0.1:9
                policy: public
                pass_authorization: true
                pass_device_posture: true
            policies:
              public:
                allow: { public: true }
            """);
    private static final Identity ALICE = new Identity("corp", "https://idp", "alice",
            Map.of("sub", "alice", "groups", List.of("admins", "ops")), Instant.EPOCH, "ref");

    private static RuntimeConfig runtime(String yaml) {
        try {
            var config = ConfigLoader.parse(yaml, "rewrite.yaml");
            return RuntimeConfig.of(config, ConfigCompiler.compile(config).policies(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Route route(String id) {
        return RC.router().routes().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private record Facts(Route route, Verdict verdict, InetAddress peer, boolean peerTrusted, String scheme,
                         String requestId, boolean websocket) implements RequestRewrite.Facts {
    }

    private static Facts facts(String route, String peer, Identity identity) throws Exception {
        InetAddress address = InetAddress.getByName(peer);
        return new Facts(route(route), new Verdict(Verdict.Kind.FORWARD, List.of("public"), null, identity, null, null),
                address, address.getHostAddress().startsWith("10."), "https", "ours-1", false);
    }

    private static HttpHeaders clientHeaders() {
        return new DefaultHttpHeaders()
                .add("Host", "app.test")
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-Secret-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Upgrade", "h2c")
                .add("Proxy-Authorization", "Basic eA==")
                .add("Expect", "100-continue")
                .add("X-Original-URL", "/admin")
                .add("X-HTTP-Method-Override", "DELETE")
                .add("X-Forwarded-For", "1.2.3.4")
                .add("X-Real-IP", "1.2.3.4")
                .add("Forwarded", "for=1.2.3.4")
                .add("X-Forwarded-Proto", "http")
                .add("X-Forwarded-Host", "evil.example")
                .add("X-Request-Id", "theirs")
                .add("X-Forwarded-User", "mallory")
                .add("X-Portcullis-Assertion", "forged")
                .add("Authorization", "Bearer t")
                .add("X-Device-Posture", "posture-jwt")
                .add("Accept", "*/*");
    }

    @Test
    void fromAnUntrustedPeerTheClientSaysNothingOnlyTheProxyMaySay() throws Exception {
        HttpHeaders h = clientHeaders();
        RequestRewrite.apply(h, RC, facts("app", "192.0.2.7", ALICE));

        for (String gone : List.of("Connection", "X-Secret-Hop", "Keep-Alive", "Upgrade", "Proxy-Authorization",
                "Expect", "X-Original-URL", "X-HTTP-Method-Override", "X-Real-IP", "Forwarded", "Authorization",
                "X-Device-Posture", "X-Portcullis-Assertion")) {
            assertFalse(h.contains(gone), gone);
        }
        assertEquals(List.of("192.0.2.7"), h.getAll("X-Forwarded-For"));
        assertEquals("https", h.get("X-Forwarded-Proto"));
        assertEquals("app.test", h.get("X-Forwarded-Host"));
        assertEquals(List.of("ours-1"), h.getAll("X-Request-Id"));
        assertEquals(List.of("alice"), h.getAll("X-Forwarded-User"));
        assertEquals("admins,ops", h.get("X-Forwarded-Groups"));
        assertEquals("*/*", h.get("Accept"));
    }

    @Test
    void aTrustedProxysChainIsExtendedAndItsAddressHeadersKept() throws Exception {
        HttpHeaders h = clientHeaders();
        RequestRewrite.apply(h, RC, facts("app", "10.1.2.3", ALICE));

        assertEquals("1.2.3.4, 10.1.2.3", h.get("X-Forwarded-For"));
        assertEquals("1.2.3.4", h.get("X-Real-IP"));
        assertEquals("http", h.get("X-Forwarded-Proto"), "a trusted proxy's scheme stands");
        assertEquals("evil.example", h.get("X-Forwarded-Host"));
        assertEquals(List.of("ours-1"), h.getAll("X-Request-Id"), "the request id is always the decision line's");
        assertEquals(List.of("alice"), h.getAll("X-Forwarded-User"), "identity headers are never a proxy's to set");
    }

    @Test
    void aRoutePassesAuthorizationAndPostureOnlyWhenItSaysSo() throws Exception {
        HttpHeaders h = clientHeaders();
        RequestRewrite.apply(h, RC, facts("passing", "192.0.2.7", null));

        assertEquals("Bearer t", h.get("Authorization"));
        assertEquals("posture-jwt", h.get("X-Device-Posture"));
        assertNull(h.get("X-Forwarded-User"), "no identity: the client's copy is gone and none is set");
    }

    @Test
    void aChunkedBodyStaysChunkedAndOtherFramingIsTheProxys() throws Exception {
        HttpHeaders h = new DefaultHttpHeaders().add("Host", "a").add("Transfer-Encoding", "chunked")
                .add("TE", "trailers");
        RequestRewrite.apply(h, RC, facts("app", "192.0.2.7", null));

        assertEquals(List.of("chunked"), h.getAll("Transfer-Encoding"));
        assertFalse(h.contains("TE"));
    }

    @Test
    void aWebSocketHandshakeKeepsItsUpgrade() throws Exception {
        HttpHeaders h = new DefaultHttpHeaders().add("Host", "a").add("Upgrade", "websocket")
                .add("Connection", "Upgrade");
        Facts f = facts("app", "192.0.2.7", null);
        RequestRewrite.apply(h, RC, new Facts(f.route(), f.verdict(), f.peer(), false, "http", "r", true));

        assertEquals("websocket", h.get("Upgrade"));
        assertTrue(h.containsValue("Connection", "upgrade", true));
    }
}
