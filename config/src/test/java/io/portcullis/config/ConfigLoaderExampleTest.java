package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.yaml.MapNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderExampleTest {

    static byte[] example() throws IOException {
        try (InputStream in = ConfigLoaderExampleTest.class.getResourceAsStream("/full-example.yaml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theFullExampleLoadsWithEveryValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        Files.write(file, example());

        PortcullisConfig c = ConfigLoader.load(file);

        assertEquals(file, c.source());
        assertEquals(ConfigLoader.sha256(example()), c.sha256());
        assertEquals(64, c.sha256().length());
        assertEquals(new HostPort("127.0.0.1", 8080), c.listen());
        assertEquals(new HostPort("127.0.0.1", 9901), c.admin());

        IssuerConfig corp = c.issuer("corp").orElseThrow();
        assertEquals("http://127.0.0.1:5556/realms/corp", corp.issuer());
        assertEquals(URI.create("http://127.0.0.1:5556/realms/corp/protocol/openid-connect/certs"), corp.jwksUri());
        assertFalse(corp.discovery());
        assertEquals(List.of("portcullis"), corp.audiences());
        assertEquals(List.of("RS256", "ES256"), corp.algorithms());
        assertEquals(Duration.ofSeconds(30), corp.clockSkew());
        assertEquals(Duration.ofMinutes(5), corp.jwksRefresh());
        assertEquals(new Position(file.toString(), 4, 5), corp.position());

        IssuerConfig mdm = c.issuer("mdm").orElseThrow();
        assertTrue(mdm.discovery());
        assertNull(mdm.jwksUri());
        assertEquals(List.of("RS256"), mdm.algorithms());
        assertTrue(c.isDeviceIssuer("mdm"));
        assertFalse(c.isDeviceIssuer("corp"));

        DevicePostureConfig posture = c.identity().devicePosture();
        assertEquals(new DevicePostureConfig("X-Device-Posture", List.of("mdm"), "sub", Duration.ofMinutes(15),
                "device"), posture);

        RouteConfig admin = c.routes().get(0);
        assertEquals("admin", admin.id());
        assertEquals("/admin", admin.match().pathPrefix());
        assertEquals(Set.of("GET", "POST"), admin.match().methods());
        assertNull(admin.match().host());
        assertEquals(URI.create("http://127.0.0.1:9001"), admin.upstream());
        assertEquals("admins-on-compliant-devices", admin.access().policy());
        assertEquals(Map.of("X-Forwarded-User", "sub"), admin.forwarding().identityHeaders());
        assertFalse(admin.forwarding().passAuthorization());
        assertFalse(admin.forwarding().passDevicePosture());
        assertEquals(Duration.ofSeconds(30), admin.limits().timeout());
        assertEquals(10L * 1024 * 1024, admin.limits().maxBodyBytes());

        RouteConfig pub = c.routes().get(1);
        assertEquals("www.example.com", pub.match().host());
        assertTrue(pub.match().pathRegex().matcher("/static/app.js").matches());
        assertEquals(Set.of(), pub.match().methods());
        assertEquals("/assets", pub.upstream().getPath());
        assertTrue(pub.forwarding().identityHeaders().isEmpty());
        assertNull(pub.limits().timeout());
        assertNull(pub.limits().maxBodyBytes());

        assertEquals(List.of("admins-on-compliant-devices", "public"), List.copyOf(c.policies().keySet()));
        PolicySpec guarded = c.policies().get("admins-on-compliant-devices");
        assertInstanceOf(MapNode.class, guarded.allow());
        assertInstanceOf(MapNode.class, guarded.require());
        assertNull(guarded.deny());
        assertEquals(new Position(file.toString(), 39, 3), guarded.position());
        assertEquals(42, guarded.require().position().line());

        assertTrue(c.trustedProxies().get(0).contains(InetAddress.getByName("10.1.2.3")));
        assertTrue(c.trustedProxies().get(1).contains(InetAddress.getByName("::1")));
        assertEquals(List.of("mfa", "otp", "hwk"), c.identity().mfaAmrValues());
        assertEquals(LimitsConfig.defaults(), c.limits());
        assertEquals(TimeoutsConfig.defaults(), c.timeouts());
    }

    @Test
    void aMinimalFileGetsEveryDefault() throws Exception {
        PortcullisConfig c = ConfigLoader.parse("""
                routes:
                  - id: r
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9001
                    policy: open
                policies:
                  open:
                    allow: { public: true }
                """, "min.yaml");

        assertNull(c.source());
        assertEquals(new HostPort("127.0.0.1", 8080), c.listen());
        assertEquals(new HostPort("127.0.0.1", 9901), c.admin());
        assertTrue(c.identity().issuers().isEmpty());
        assertEquals(DevicePostureConfig.disabled(), c.identity().devicePosture());
        assertTrue(c.trustedProxies().isEmpty());
        assertEquals(IdentityConfig.DEFAULT_MFA_AMR, c.identity().mfaAmrValues());
        assertEquals(LimitsConfig.defaults(), c.limits());
        assertEquals(TimeoutsConfig.defaults(), c.timeouts());
        RouteConfig r = c.routes().get(0);
        assertFalse(r.forwarding().passAuthorization());
        assertFalse(r.forwarding().passDevicePosture());
        assertNull(r.limits().timeout());
        assertNull(r.limits().maxBodyBytes());
    }

    @Test
    void nonDefaultLimitsTimeoutsAndListenersAreRead() throws Exception {
        PortcullisConfig c = ConfigLoader.parse("""
                listen: "[::1]:0"
                admin: localhost:0
                routes:
                  - id: r
                    match: { path: /x }
                    upstream: http://127.0.0.1:9001
                    policy: open
                    pass_authorization: true
                    pass_device_posture: true
                    max_body_bytes: 0
                policies:
                  open: { allow: { public: true } }
                limits: { max_header_bytes: 1KB, max_uri_length: 2048, max_headers: 7, max_body_bytes: 1GB,
                          max_requests_per_connection: 3, max_identity_header_bytes: 512 }
                timeouts: { header_read: 1s, idle: 1h30m, upstream_connect: 250ms, upstream_response: 1d }
                """, "x.yaml");

        assertEquals(new HostPort("::1", 0), c.listen());
        assertEquals(new HostPort("localhost", 0), c.admin());
        assertTrue(c.routes().get(0).forwarding().passAuthorization());
        assertTrue(c.routes().get(0).forwarding().passDevicePosture());
        assertEquals(0L, c.routes().get(0).limits().maxBodyBytes());
        assertEquals(new LimitsConfig(1024, 2048, 7, 1024L * 1024 * 1024, 3, 512), c.limits());
        assertEquals(new TimeoutsConfig(Duration.ofSeconds(1), Duration.ofMinutes(90), Duration.ofMillis(250),
                Duration.ofDays(1)), c.timeouts());
    }
}
