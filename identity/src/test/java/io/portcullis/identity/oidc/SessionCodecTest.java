package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCodecTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestClock clock = new TestClock();
    private final byte[] oldKey = key();
    private final byte[] newKey = key();

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private Session session() {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Session("sess-1", "corp", "https://idp.example", "alice",
                Map.of("groups", List.of("admins"), "device", Map.of("compliant", true), "auth_time", 1700000000L),
                "idp-sid", "refresh-token-value", now.plusSeconds(300), true, now, now.plus(Duration.ofHours(12)),
                "eyJhbGciOiJSUzI1NiJ9.id-token-payload.signature");
    }

    @Test
    void roundTripsEverySessionField() {
        SessionCodec codec = new SessionCodec(SessionKeys.of(List.of(newKey)), clock);
        Session session = session();

        String cookie = codec.encode(session);

        assertEquals(session, codec.decode(cookie));
        assertFalse(cookie.contains("refresh-token-value"), "the cookie is encrypted, not just signed");
        assertFalse(cookie.contains("id-token-payload"));
        assertFalse(cookie.contains("alice"));
        assertEquals(5, cookie.split("\\.", -1).length, "compact JWE");
    }

    @Test
    void aTamperedCookieDoesNotOpen() {
        SessionCodec codec = new SessionCodec(SessionKeys.of(List.of(newKey)), clock);
        String cookie = codec.encode(session());
        String[] parts = cookie.split("\\.");
        char[] cipher = parts[3].toCharArray();
        cipher[cipher.length / 2] = cipher[cipher.length / 2] == 'A' ? 'B' : 'A';
        parts[3] = new String(cipher);

        assertNull(codec.decode(String.join(".", parts)));
        assertNull(codec.decode(cookie.substring(0, cookie.length() - 2)));
        assertNull(codec.decode("garbage"));
        assertNull(codec.decode(""));
        assertNull(codec.decode(null));
    }

    @Test
    void theNewestKeySealsAndRetiredKeysStillOpen() {
        SessionCodec before = new SessionCodec(SessionKeys.of(List.of(oldKey)), clock);
        SessionCodec rotated = new SessionCodec(SessionKeys.of(List.of(newKey, oldKey)), clock);
        SessionCodec newOnly = new SessionCodec(SessionKeys.of(List.of(newKey)), clock);
        String sealedWithOld = before.encode(session());

        assertEquals(session(), rotated.decode(sealedWithOld));
        assertEquals(session(), newOnly.decode(rotated.encode(session())), "after rotation the new key seals");
        assertNull(newOnly.decode(sealedWithOld), "a key that was removed opens nothing");
    }

    @Test
    void anExpiredSessionDoesNotOpen() {
        SessionCodec codec = new SessionCodec(SessionKeys.of(List.of(newKey)), clock);
        String cookie = codec.encode(session());

        clock.advance(Duration.ofHours(12));

        assertNull(codec.decode(cookie));
    }

    @Test
    void aLoginStateCookieNeverOpensAsASessionAndViceVersa() {
        SessionKeys keys = SessionKeys.of(List.of(newKey));
        SessionCodec sessions = new SessionCodec(keys, clock);
        LoginStateCodec states = new LoginStateCodec(keys, clock);
        LoginState state = new LoginState("st", "no", "verifier", "/app", false, clock.instant().plusSeconds(600));

        String sealedState = states.encode(state);

        assertNull(sessions.decode(sealedState));
        assertNull(states.decode(sessions.encode(session())));
        LoginState opened = states.decode(sealedState);
        assertEquals("st", opened.state());
        assertEquals("/app", opened.returnTo());
        assertTrue(opened.toString().indexOf("verifier") < 0, "toString hides the PKCE verifier");
    }

    @Test
    void anExpiredLoginStateDoesNotOpen() {
        LoginStateCodec states = new LoginStateCodec(SessionKeys.of(List.of(newKey)), clock);
        String sealed = states.encode(new LoginState("st", "no", "v", "/", false, clock.instant().plusSeconds(600)));

        clock.advance(Duration.ofSeconds(600));

        assertNull(states.decode(sealed));
    }

    @Test
    void aJweShapedCookieWhoseHeaderIsNotAJweHeaderOpensAsNothing() {
        SessionKeys keys = SessionKeys.of(List.of(newKey));
        SessionCodec sessions = new SessionCodec(keys, clock);
        LoginStateCodec states = new LoginStateCodec(keys, clock);
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        for (String header : List.of("{}", "{\"alg\":\"none\"}", "{\"alg\":\"dir\"}", "{\"enc\":\"A256GCM\"}")) {
            String cookie = b64.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".."
                    + b64.encodeToString(new byte[12]) + "." + b64.encodeToString(new byte[16]) + "."
                    + b64.encodeToString(new byte[16]);

            assertNull(sessions.decode(cookie), header);
            assertNull(states.decode(cookie), header);
        }
    }

    @Test
    void toStringNeverShowsTheRefreshTokenOrTheIdToken() {
        assertFalse(session().toString().contains("refresh-token-value"));
        assertFalse(session().toString().contains("id-token-payload"));
    }
}
