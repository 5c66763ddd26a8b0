package io.portcullis.proxy.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.fixtures.EmbeddedTransmitter;
import io.portcullis.identity.events.delivery.TransmitterReceiver;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receivers' lifecycle in a real proxy, with a real transmitter whose push stream is set up by hand
 * (no management client: Portcullis only discovers it and loads its keys): started with the proxy,
 * kept across a reload that leaves its entry alone, replaced when its entry changes, gone when it is
 * removed; its push path answers accordingly.
 */
class SecurityEventReceiversTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "hand-made-push-secret";

    private EmbeddedTransmitter tx;
    private Path secret;
    private ProxyFixture fx;

    private String config(String maxAge, boolean withEvents) {
        String events = """
                security_events:
                  transmitters:
                    - id: mdm
                      issuer: %s
                      metadata_url: %s
                      audiences: [gateway]
                      max_age: %s
                      delivery: push
                      push_authorization_file: %s
                """.formatted(tx.issuer(), tx.metadataUrl(), maxAge, secret);
        return ProxyFixture.PUBLIC_APP + (withEvents ? events : "");
    }

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        tx = EmbeddedTransmitter.start("/mdm", true, "unused", "unused");
        secret = Files.writeString(dir.resolve("push"), SECRET);
        fx = new ProxyFixture(config("1h", true));
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
        if (tx != null) {
            tx.close();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!fx.portcullis.securityEvents().ready("mdm")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver did not start");
            }
            Thread.sleep(10);
        }
    }

    private int push() throws Exception {
        return push(tx.set("gateway", "https://schemas.openid.net/secevent/caep/event-type/device-compliance-change",
                Map.of("current_status", "not-compliant", "previous_status", "compliant"),
                Map.of("format", "opaque", "id", "laptop-7")).sign());
    }

    private int push(String set) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fx.port() + "/.portcullis/ssf/push/mdm"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/secevent+jwt")
                .POST(HttpRequest.BodyPublishers.ofString(set)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private void reload(String maxAge, boolean withEvents) throws Exception {
        fx.writeConfig(config(maxAge, withEvents) + "# reloaded " + System.nanoTime() + "\n");
        assertTrue(fx.portcullis.reload());
    }

    @Test
    void keptAcrossAnUnrelatedReloadReplacedWhenChangedGoneWhenRemoved() throws Exception {
        awaitReady();
        assertEquals(202, push());
        TransmitterReceiver first = fx.portcullis.securityEvents().receiver("mdm");

        reload("1h", true);
        assertSame(first, fx.portcullis.securityEvents().receiver("mdm"), "an unchanged entry keeps its receiver");
        assertEquals(202, push());

        reload("2h", true);
        TransmitterReceiver second = fx.portcullis.securityEvents().receiver("mdm");
        assertNotNull(second);
        assertNotSame(first, second, "a changed entry gets a new receiver");
        awaitReady();
        assertEquals(202, push());

        reload("2h", false);
        assertNull(fx.portcullis.securityEvents().receiver("mdm"));
        assertEquals(404, push(), "no transmitter, no push path");
    }

    private String posture(String device, Instant issuedAt) {
        return fx.mdm.token().subject("erin").audience("portcullis").algorithm(JWSAlgorithm.ES256)
                .issuedAt(issuedAt).expiresIn(Duration.ofHours(1)).claim("device_id", device)
                .claim("device", Map.of("compliant", true, "patch_age_days", 1)).sign();
    }

    private RawHttp.Response admin(String device) throws Exception {
        String erin = fx.corp.token().subject("erin").audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("groups", List.of("admins")).claim("amr", List.of("hwk"))
                .claim("auth_time", Instant.now().getEpochSecond()).sign();
        try (RawHttp c = fx.client()) {
            return c.get("/admin/x", "Authorization: Bearer " + erin, "X-Device-Posture: " + device);
        }
    }

    @Test
    void aDeviceOutOfComplianceIsRefusedUntilAPostureTokenIssuedAfterTheEvent() throws Exception {
        fx.close();
        fx = new ProxyFixture(ProxyFixture.EXAMPLE + config("1h", true).substring(ProxyFixture.PUBLIC_APP.length()));
        awaitReady();
        Instant event = Instant.now().minusSeconds(60);
        String before = posture("mac-9", event.minusSeconds(60));
        assertEquals(200, admin(before).status(), "a compliant device before the event");

        String set = tx.set("gateway", "https://schemas.openid.net/secevent/caep/event-type/device-compliance-change",
                Map.of("current_status", "not-compliant", "previous_status", "compliant",
                        "event_timestamp", event.getEpochSecond()),
                Map.of("format", "complex", "device", Map.of("format", "opaque", "id", "mac-9"))).sign();
        assertEquals(202, push(set));

        RawHttp.Response refused = admin(before);
        assertEquals(403, refused.status());
        assertTrue(refused.body().contains("device-not-compliant"), refused.body());
        assertEquals(200, admin(posture("mac-9", Instant.now())).status(), "a posture token issued after the event decides");
        assertEquals(200, admin(posture("mac-10", event.minusSeconds(60))).status(), "another device is untouched");
    }

    /** A token of the transmitter acting as an IdP too (as Keycloak does): its issuer, its keys. */
    private String tokenOf(String sub, String email) {
        return tx.set("portcullis", "unused", Map.of(), null).type("JWT").claim("events", null).claim("sub", sub)
                .claim("email", email).claim("exp", Instant.now().plusSeconds(300).getEpochSecond()).sign();
    }

    private int api(String token) throws Exception {
        try (RawHttp c = fx.client()) {
            return c.get("/app/x", "Authorization: Bearer " + token).status();
        }
    }

    @Test
    void aUserNamedByEmailLosesTheTokensOfTheTransmittersOwnIssuer() throws Exception {
        fx.close();
        fx = new ProxyFixture("""
                listen: 127.0.0.1:0
                admin: 127.0.0.1:0
                issuers:
                  - id: idp
                    issuer: %s
                    jwks_uri: %s/jwks.json
                    audiences: [portcullis]
                    algorithms: [RS256]
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: ${UPSTREAM}
                    policy: signed-in
                policies:
                  signed-in:
                    allow: { authenticated: true }
                """.formatted(tx.issuer(), tx.issuer()) + config("1h", true).substring(ProxyFixture.PUBLIC_APP.length()));
        awaitReady();
        String alice = tokenOf("alice", "Alice@Corp.example");
        String bob = tokenOf("bob", "bob@corp.example");
        assertEquals(200, api(alice));

        assertEquals(202, push(tx.set("gateway", "https://schemas.openid.net/secevent/risc/event-type/account-disabled",
                Map.of(), Map.of("format", "email", "email", "alice@corp.example")).sign()));

        assertEquals(401, api(alice), "her token issued before the event");
        assertEquals(200, api(bob));
        assertTrue(fx.awaitDecision("event-account-disabled").contains("email-revoked"));
    }

    @Test
    void aDeviceNonCompliantEventIsRecordedAsADeviceRevocation() throws Exception {
        awaitReady();
        assertTrue(fx.portcullis.state().revocations().noneOf(Revocation.Kind.DEVICE));

        assertEquals(202, push());

        assertNotNull(fx.portcullis.state().revocations().revokedAt(
                Revocation.Kind.DEVICE, "", "laptop-7"));
        String line = fx.awaitDecision("event-device-compliance-change");
        assertTrue(line.contains("device-non-compliant") && line.contains("\"device_id\":\"laptop-7\"")
                && line.contains("\"decision\":\"deny\""), line);
    }
}
