package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compact JWS reader agrees with Nimbus's parser on real tokens and is strict where it is not. */
class CompactJwsTest {

    private static EmbeddedIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = EmbeddedIssuer.start("/compact");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void readsWhatNimbusReads() throws Exception {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256)) {
            String token = issuer.token().algorithm(alg).subject("alice").claim("groups", List.of("a", "b")).sign();
            SignedJWT nimbus = SignedJWT.parse(token);
            CompactJws ours = CompactJws.parse(token);
            assertEquals(nimbus.getHeader().toJSONObject(), ours.header().toJSONObject(), alg.getName());
            assertEquals(PlainClaims.of(nimbus.getJWTClaimsSet()), ours.claims().asMap(), alg.getName());
            assertArrayEquals(nimbus.getSigningInput(), ours.signingInput(), alg.getName());
            assertArrayEquals(nimbus.getSignature().decode(), ours.signature(), alg.getName());
            assertEquals(token, ours.serialized());
        }
    }

    @Test
    void anUnsecuredTokenIsNamedAsSuch() {
        assertThrows(CompactJws.Unsecured.class, () -> CompactJws.parse(issuer.token().unsigned()));
    }

    @Test
    void anythingButThreeWellFormedPartsIsMalformed() {
        String[] parts = issuer.token().sign().split("\\.");
        String header = parts[0];
        String payload = parts[1];
        String signature = parts[2];
        String jweHeader = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
        for (String bad : List.of(
                "",
                "abc",
                header + "." + payload,
                header + "." + payload + "." + signature + ".x.y",
                jweHeader + ".a.b.c.d",
                jweHeader + "." + payload + "." + signature,
                header + "=." + payload + "." + signature,
                header + "." + payload + "." + signature + "=",
                header + "." + payload + "." + signature.replace(signature.charAt(3), '+'),
                header + "." + payload.substring(0, 10) + "*" + payload.substring(11) + "." + signature,
                b64("not json") + "." + payload + "." + signature,
                b64("[1,2]") + "." + payload + "." + signature,
                "." + payload + "." + signature,
                header + "." + payload.substring(0, 10) + "=" + payload.substring(11) + "." + signature,
                // Characters outside ASCII anywhere: Latin-1 (one byte each), above U+00FF, a surrogate pair
                // (two chars, one code point: a misaligned byte copy would shift every later segment).
                header + "." + payload.substring(0, 10) + "\u00e9" + payload.substring(11) + "." + signature,
                header.substring(0, 5) + "\u0141" + header.substring(6) + "." + payload + "." + signature,
                header + "." + payload + "." + signature.substring(0, 7) + "\uD83D\uDE00" + signature.substring(9),
                "\uD83D\uDE00" + header + "." + payload + "." + signature)) {
            assertThrows(ParseException.class, () -> CompactJws.parse(bad).claims(), bad);
        }
    }

    @Test
    void aPayloadThatIsNotAClaimsObjectIsMalformed() throws Exception {
        String[] parts = issuer.token().sign().split("\\.");
        CompactJws jws = CompactJws.parse(parts[0] + "." + b64("[\"not\",\"claims\"]") + "." + parts[2]);
        assertThrows(ParseException.class, jws::claims);
    }

    @Test
    void theSignatureIsACopy() throws Exception {
        CompactJws jws = CompactJws.parse(issuer.token().sign());
        byte[] first = jws.signature();
        first[0] ^= 1;
        assertEquals(first.length, jws.signature().length);
        assertEquals((byte) (first[0] ^ 1), jws.signature()[0]);
    }

    private static String b64(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
