package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.observe.Metrics;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload keeps what login depends on when it did not change, and never forgets a back-channel logout. */
class SsoRuntimeTest {

    @TempDir
    Path dir;

    private PortcullisConfig config(String ttl) throws Exception {
        return config("http://127.0.0.1:9/realms/corp", ttl);
    }

    private PortcullisConfig config(String issuer, String ttl) throws Exception {
        Path key = Files.writeString(dir.resolve("session.key"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        return ConfigLoader.parse("""
                issuers:
                  - id: corp
                    issuer: %s
                    discovery: true
                    audiences: [portcullis]
                    client_id: portcullis
                sso:
                  issuer: corp
                  external_url: https://apps.example.com
                  session_keys_file: %s
                  session_ttl: %s
                routes:
                  - id: app
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: p
                    login: true
                policies:
                  p:
                    allow: { authenticated: true }
                """.formatted(issuer, key, ttl), "p.yaml");
    }

    @Test
    void anUnchangedSsoConfigKeepsTheRuntimeAndAChangedOneKeepsTheRevocations() throws Exception {
        SsoRuntime first = SsoRuntime.start(config("12h"), Clock.systemUTC());
        try {
            first.service().revoked().revokeSubject("corp", "alice");

            SsoRuntime same = first.reconfigure(config("12h"));
            SsoRuntime changed = first.reconfigure(config("8h"));
            try {
                assertSame(first, same);
                assertNotSame(first, changed);
                assertSame(first.service().revoked(), changed.service().revoked());
                assertTrue(changed.loginEnabled());
            } finally {
                changed.close();
            }
        } finally {
            first.close();
        }
    }

    /** The scraped value of {@code portcullis_jwks_fetches_total} for the SSO issuer and {@code result}, or null. */
    private static String fetches(Metrics metrics, String result) {
        String prefix = "portcullis_jwks_fetches_total{issuer=\"corp\",result=\"" + result + "\"} ";
        return metrics.scrape().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse(null);
    }

    /** Polls the scrape (bounded) until the fetch count for {@code result} is {@code expected}. */
    private static void awaitFetches(Metrics metrics, String result, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!expected.equals(fetches(metrics, result)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, fetches(metrics, result), metrics.scrape().lines()
                .filter(l -> l.startsWith("portcullis_jwks_fetches")).toList().toString());
    }

    @Test
    void theLoginIssuersKeyFetchesAreCountedUnderItsIdAlsoAfterAReload() throws Exception {
        MockOAuth2Server idp = new MockOAuth2Server();
        idp.start(InetAddress.getLoopbackAddress(), 0);
        Metrics metrics = new Metrics();
        String issuer = idp.issuerUrl("corp").toString();
        SsoRuntime first = SsoRuntime.start(config(issuer, "12h"), metrics, Clock.systemUTC());
        SsoRuntime reloaded = null;
        try {
            awaitFetches(metrics, "success", "1.0");

            reloaded = first.reconfigure(config(issuer, "8h"));

            assertNotSame(first, reloaded);
            awaitFetches(metrics, "success", "2.0");
        } finally {
            if (reloaded != null) {
                reloaded.close();
            }
            first.close();
            idp.shutdown();
            metrics.close();
        }
    }

    @Test
    void aFailedFetchOfTheLoginIssuersKeysIsCountedWithItsCause() throws Exception {
        try (Metrics metrics = new Metrics();
             SsoRuntime unreachable = SsoRuntime.start(config("12h"), metrics, Clock.systemUTC())) {
            awaitFetches(metrics, "connect-failed", "1.0");

            assertNull(fetches(metrics, "success"));
            assertTrue(unreachable.loginEnabled());
        }
    }

    @Test
    void withoutSsoOrAssertionNothingRuns() {
        SsoRuntime off = SsoRuntime.disabled();

        assertFalse(off.loginEnabled());
        assertNull(off.service());
        assertNull(off.cookies());
        assertNull(off.signer());
    }
}
