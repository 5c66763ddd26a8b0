package io.portcullis.identity.binding;

import static io.portcullis.identity.binding.ProofBed.TOKEN;
import static io.portcullis.identity.binding.ProofBed.URI;
import static io.portcullis.identity.binding.ProofBed.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.portcullis.fixtures.DPoPClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real proofs, made by the Nimbus SDK's proof factory or forged by hand, against the request
 * {@code GET https://api.example.com/orders/42} with {@link ProofBed#TOKEN} bound to the client's key.
 * Each case expects one named reason, or acceptance.
 */
class DPoPProofCheckTest {

    private static final DPoPClient ES = DPoPClient.es256();
    private static final DPoPClient RS = DPoPClient.rs256();
    private static final DPoPClient PS = DPoPClient.rsa(2048, JWSAlgorithm.PS256);
    private static final DPoPClient OTHER = DPoPClient.es256();
    private static final DPoPClient RSA_1024 = DPoPClient.rsa(1024, JWSAlgorithm.RS256);
    private static final BindingOutcome ACCEPTED = new BindingOutcome.Accepted(Binding.DPOP);

    /** One request: the proof(s) a client sends, with the token bound to {@code client}. */
    record Case(String name, DPoPClient client, Function<DPoPClient, List<String>> proofs, String method,
            BindingOutcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case get(String name, Function<DPoPClient, String> proof, BindingOutcome expected) {
        return new Case(name, ES, c -> List.of(proof.apply(c)), "GET", expected);
    }

    static Case get(String name, DPoPClient client, Function<DPoPClient, String> proof, BindingOutcome expected) {
        return new Case(name, client, c -> List.of(proof.apply(c)), "GET", expected);
    }

    static BindingOutcome refused(BindingFailure reason) {
        return new BindingOutcome.Refused(reason);
    }

    static Stream<Case> cases() {
        Instant now = Instant.now();
        return Stream.of(
                get("valid ES256 proof", c -> c.proof("GET", URI, TOKEN), ACCEPTED),
                get("valid RS256 proof", RS, c -> c.proof("GET", URI, TOKEN), ACCEPTED),
                get("valid PS256 proof", PS, c -> c.proof("GET", URI, TOKEN), ACCEPTED),
                get("htu equal after RFC 3986 normalization",
                        c -> c.proof("GET", "HTTPS://API.Example.com:443/orders/./x/../%34%32", TOKEN), ACCEPTED),
                get("iat within the future skew", c -> c.forge("GET", URI, TOKEN).issuedAt(now.plusSeconds(3)).sign(),
                        ACCEPTED),
                // htm
                get("another method", c -> c.proof("POST", URI, TOKEN), refused(BindingFailure.DPOP_HTM_MISMATCH)),
                get("method in another case", c -> c.proof("get", URI, TOKEN), refused(BindingFailure.DPOP_HTM_MISMATCH)),
                // htu
                get("another path", c -> c.proof("GET", "https://api.example.com/orders/43", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("path differing by a trailing slash", c -> c.proof("GET", URI + "/", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("path differing by letter case", c -> c.proof("GET", "https://api.example.com/Orders/42", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("dot segments that lead elsewhere", c -> c.proof("GET", "https://api.example.com/orders/42/../43", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("an escaped slash is not a separator",
                        c -> c.proof("GET", "https://api.example.com/orders%2F42", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("htu with a query", c -> c.forge("GET", URI + "?id=42", TOKEN).sign(),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("htu with a fragment", c -> c.forge("GET", URI + "#top", TOKEN).sign(),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("another host", c -> c.proof("GET", "https://evil.example.com/orders/42", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("another scheme", c -> c.proof("GET", "http://api.example.com/orders/42", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("another port", c -> c.proof("GET", "https://api.example.com:8443/orders/42", TOKEN),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                get("user info in htu", c -> c.forge("GET", "https://u@api.example.com/orders/42", TOKEN).sign(),
                        refused(BindingFailure.DPOP_HTU_MISMATCH)),
                // iat
                get("stale iat", c -> c.forge("GET", URI, TOKEN).issuedAt(now.minusSeconds(120)).sign(),
                        refused(BindingFailure.DPOP_STALE)),
                get("future iat", c -> c.forge("GET", URI, TOKEN).issuedAt(now.plusSeconds(60)).sign(),
                        refused(BindingFailure.DPOP_FUTURE)),
                get("iat far beyond any long", c -> c.forge("GET", URI, TOKEN).claim("iat", 1e300).sign(),
                        refused(BindingFailure.DPOP_FUTURE)),
                get("iat as text", c -> c.forge("GET", URI, TOKEN).claim("iat", String.valueOf(now.getEpochSecond()))
                        .sign(), refused(BindingFailure.DPOP_PROOF_INVALID)),
                // algorithms and keys
                get("alg none", c -> c.forge("GET", URI, TOKEN).unsigned(),
                        refused(BindingFailure.DPOP_ALGORITHM_NOT_ALLOWED)),
                get("HS256 with the secret in jwk",
                        c -> c.forge("GET", URI, TOKEN).hmac("a-secret-anyone-can-choose-32-bytes!".getBytes(StandardCharsets.US_ASCII)),
                        refused(BindingFailure.DPOP_ALGORITHM_NOT_ALLOWED)),
                get("private key in jwk", c -> c.forge("GET", URI, TOKEN).privateKeyInJwk().sign(),
                        refused(BindingFailure.DPOP_KEY_INVALID)),
                get("no jwk", c -> c.forge("GET", URI, TOKEN).header("jwk", null).sign(),
                        refused(BindingFailure.DPOP_KEY_INVALID)),
                get("RSA key under ES256", c -> c.forge("GET", URI, TOKEN).header("jwk", publicJwk(RS)).sign(), refused(BindingFailure.DPOP_KEY_INVALID)),
                get("RSA key of 1024 bits", RSA_1024, c -> c.proof("GET", URI, TOKEN),
                        refused(BindingFailure.DPOP_KEY_INVALID)),
                get("signed by another key than jwk", c -> c.forge("GET", URI, TOKEN).signedBy(OTHER).sign(),
                        refused(BindingFailure.DPOP_SIGNATURE_INVALID)),
                get("a valid proof by another key than cnf.jkt", c -> OTHER.proof("GET", URI, TOKEN),
                        refused(BindingFailure.DPOP_KEY_MISMATCH)),
                // typ, crit
                get("typ JWT", c -> c.forge("GET", URI, TOKEN).header("typ", "JWT").sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("typ absent", c -> c.forge("GET", URI, TOKEN).header("typ", null).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("typ in capitals", c -> c.forge("GET", URI, TOKEN).header("typ", "DPoP+JWT").sign(), ACCEPTED),
                get("crit", c -> c.forge("GET", URI, TOKEN).header("crit", List.of("exp")).header("exp", 1).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                // ath and the token
                get("missing ath", c -> c.forge("GET", URI, TOKEN).claim("ath", null).sign(),
                        refused(BindingFailure.DPOP_ATH_MISMATCH)),
                get("proof for another token", c -> c.proof("GET", URI, TOKEN + "x"),
                        refused(BindingFailure.DPOP_ATH_MISMATCH)),
                // other claims
                get("missing jti", c -> c.forge("GET", URI, TOKEN).claim("jti", null).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("jti too long", c -> c.forge("GET", URI, TOKEN).claim("jti", "j".repeat(300)).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("missing htm", c -> c.forge("GET", URI, TOKEN).claim("htm", null).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("missing htu", c -> c.forge("GET", URI, TOKEN).claim("htu", null).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("missing iat", c -> c.forge("GET", URI, TOKEN).claim("iat", null).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                // shape
                get("not a JWS", c -> "not-a-proof", refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("padded base64url", c -> c.proof("GET", URI, TOKEN).replaceFirst("\\.", "=."),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("a JWE-shaped value", c -> "a.b.c.d.e", refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("header JSON nested as deep as the size limit allows", c -> deeplyNested(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                get("longer than the size limit", c -> c.forge("GET", URI, TOKEN).header("pad", "p".repeat(9000)).sign(),
                        refused(BindingFailure.DPOP_PROOF_INVALID)),
                new Case("two DPoP headers", ES, c -> List.of(c.proof("GET", URI, TOKEN), c.proof("GET", URI, TOKEN)),
                        "GET", refused(BindingFailure.DPOP_PROOF_INVALID)),
                new Case("no DPoP header", ES, c -> List.of(), "GET", refused(BindingFailure.DPOP_PROOF_MISSING)));
    }

    private static String deeplyNested() {
        String json = "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.US_ASCII))
                + ".e30.c2ln";
    }

    private static Map<String, Object> publicJwk(DPoPClient client) {
        String proof = client.proof("GET", URI, TOKEN);
        String header = new String(Base64.getUrlDecoder().decode(proof.substring(0, proof.indexOf('.'))),
                StandardCharsets.UTF_8);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) JSONObjectUtils.parse(header).get("jwk");
            return jwk;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachProofGetsItsAnswer(Case c) {
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings());
        BindingOutcome outcome = now(check.check(c.proofs().apply(c.client()), c.method(), URI, TOKEN,
                c.client().thumbprint()));
        assertEquals(c.expected(), outcome);
    }

    /**
     * A cross-check with the Nimbus SDK's own resource-server verifier: it accepts what we accept for
     * the plain cases, and refuses the hostile proofs we refuse, so the two readings of RFC 9449 agree.
     */
    @Test
    void theSdksVerifierAgreesOnValidAndHostileProofs() throws Exception {
        var sdk = new DPoPProtectedResourceRequestVerifier(
                Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), 5, 60, null);
        var issuer = new DPoPIssuer("client");
        var token = new DPoPAccessToken(TOKEN);
        for (DPoPClient client : List.of(ES, RS)) {
            var cnf = new JWKThumbprintConfirmation(
                    new Base64URL(client.thumbprint()));
            String proof = client.proof("GET", URI, TOKEN);
            sdk.verify("GET", java.net.URI.create(URI), issuer, SignedJWT.parse(proof), token, cnf, null);
            assertEquals(ACCEPTED, now(new DPoPProofCheck(ProofBed.settings()).check(List.of(proof), "GET", URI, TOKEN,
                    client.thumbprint())));
        }
        var cnf = new JWKThumbprintConfirmation(
                new Base64URL(ES.thumbprint()));
        for (String hostile : List.of(ES.forge("GET", URI, TOKEN).issuedAt(Instant.now().minusSeconds(120)).sign(),
                ES.forge("GET", URI, TOKEN).signedBy(OTHER).sign(), ES.proof("POST", URI, TOKEN),
                ES.proof("GET", URI, TOKEN + "x"), OTHER.proof("GET", URI, TOKEN))) {
            assertThrows(Exception.class, () -> sdk.verify("GET",
                    java.net.URI.create(URI), issuer, SignedJWT.parse(hostile), token, cnf, null));
            assertEquals(BindingOutcome.Refused.class, now(new DPoPProofCheck(ProofBed.settings()).check(
                    List.of(hostile), "GET", URI, TOKEN, ES.thumbprint())).getClass());
        }
    }

    @Test
    void aProofIsAcceptedOnceAndItsReplayRefused() {
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings());
        List<String> proof = List.of(ES.proof("GET", URI, TOKEN));
        assertEquals(ACCEPTED, now(check.check(proof, "GET", URI, TOKEN, ES.thumbprint())));
        assertEquals(refused(BindingFailure.DPOP_REPLAYED), now(check.check(proof, "GET", URI, TOKEN, ES.thumbprint())));
        // A new proof from the same client is fine: only the identifier is one-time.
        assertEquals(ACCEPTED, now(check.check(List.of(ES.proof("GET", URI, TOKEN)), "GET", URI, TOKEN,
                ES.thumbprint())));
    }

    @Test
    void aRefusedProofDoesNotUseUpItsIdentifier() {
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings());
        String jti = "one-time-" + System.nanoTime();
        String badSignature = ES.forge("GET", URI, TOKEN).claim("jti", jti).signedBy(OTHER).sign();
        assertEquals(refused(BindingFailure.DPOP_SIGNATURE_INVALID),
                now(check.check(List.of(badSignature), "GET", URI, TOKEN, ES.thumbprint())));
        String good = ES.forge("GET", URI, TOKEN).claim("jti", jti).sign();
        assertEquals(ACCEPTED, now(check.check(List.of(good), "GET", URI, TOKEN, ES.thumbprint())));
    }

    @Test
    void identifiersAreScopedByKey() {
        DPoPProofCheck check = new DPoPProofCheck(ProofBed.settings());
        String jti = "shared-" + System.nanoTime();
        assertEquals(ACCEPTED, now(check.check(List.of(ES.forge("GET", URI, TOKEN).claim("jti", jti).sign()), "GET",
                URI, TOKEN, ES.thumbprint())));
        assertEquals(ACCEPTED, now(check.check(List.of(OTHER.forge("GET", URI, TOKEN).claim("jti", jti).sign()), "GET",
                URI, TOKEN, OTHER.thumbprint())), "another client choosing the same jti is not a replay");
    }

    @Test
    void anAlgorithmOutsideTheIssuersListIsRefused() {
        DPoPSettings defaults = ProofBed.settings();
        DPoPSettings onlyEs256 = new DPoPSettings(Set.of(JWSAlgorithm.ES256), defaults.maxAge(),
                defaults.clockSkew(), null, defaults.replay(), defaults.clock());
        BindingOutcome outcome = now(new DPoPProofCheck(onlyEs256).check(List.of(RS.proof("GET", URI, TOKEN)), "GET",
                URI, TOKEN, RS.thumbprint()));
        assertEquals(refused(BindingFailure.DPOP_ALGORITHM_NOT_ALLOWED), outcome);
    }

    @Test
    void aReplayGuardThatCannotAnswerFailsClosed() {
        DPoPSettings defaults = ProofBed.settings();
        DPoPSettings broken = new DPoPSettings(defaults.algorithms(), defaults.maxAge(), defaults.clockSkew(), null,
                (namespace, value, ttl) -> CompletableFuture.failedFuture(
                        new IOException("store unreachable")), defaults.clock());
        BindingOutcome outcome = now(new DPoPProofCheck(broken).check(List.of(ES.proof("GET", URI, TOKEN)), "GET",
                URI, TOKEN, ES.thumbprint()));
        assertEquals(refused(BindingFailure.DPOP_REPLAY_CHECK_UNAVAILABLE), outcome);
    }
}
