package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload keeps what login depends on when it did not change, and never forgets a back-channel logout. */
class SsoRuntimeTest {

    @TempDir
    Path dir;

    private PortcullisConfig config(String ttl) throws Exception {
        Path key = Files.writeString(dir.resolve("session.key"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        return ConfigLoader.parse("""
                issuers:
                  - id: corp
                    issuer: http://127.0.0.1:9/realms/corp
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
                """.formatted(key, ttl), "p.yaml");
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

    @Test
    void withoutSsoOrAssertionNothingRuns() {
        SsoRuntime off = SsoRuntime.disabled();

        assertFalse(off.loginEnabled());
        assertNull(off.service());
        assertNull(off.cookies());
        assertNull(off.signer());
    }
}
