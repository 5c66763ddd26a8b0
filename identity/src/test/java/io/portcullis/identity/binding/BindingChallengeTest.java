package io.portcullis.identity.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.oauth2.sdk.token.DPoPTokenError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RFC 9449 §7 / RFC 6750 §3 challenge values, read back with the Nimbus SDK's own parsers as a client would. */
class BindingChallengeTest {

    private static final List<String> ALGS = List.of("ES256", "PS256");

    @Test
    void anInvalidProofNamesTheErrorAndTheAcceptedAlgorithms() throws Exception {
        BindingChallenge challenge = BindingChallenge.of(BindingFailure.DPOP_HTU_MISMATCH, ALGS, null);
        assertEquals(401, challenge.status());
        assertEquals(List.of("DPoP error=\"invalid_dpop_proof\", error_description=\"the DPoP proof is for another URI\","
                + " algs=\"ES256 PS256\""), challenge.wwwAuthenticate());
        DPoPTokenError parsed = DPoPTokenError.parse(challenge.wwwAuthenticate().get(0));
        assertEquals("invalid_dpop_proof", parsed.getCode());
        assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256), parsed.getJWSAlgorithms());
        assertNull(challenge.dpopNonce());
    }

    @Test
    void aMissingNonceAsksForTheCurrentOne() throws Exception {
        BindingChallenge challenge = BindingChallenge.of(BindingFailure.DPOP_NONCE_REQUIRED, ALGS, "n-42");
        assertEquals(401, challenge.status());
        assertEquals("use_dpop_nonce", DPoPTokenError.parse(challenge.wwwAuthenticate().get(0)).getCode());
        assertEquals("n-42", challenge.dpopNonce());
    }

    @Test
    void aBoundTokenAsBearerIsAnInvalidBearerTokenAndDPoPIsOffered() throws Exception {
        BindingChallenge challenge = BindingChallenge.of(BindingFailure.BOUND_TOKEN_AS_BEARER, ALGS, null);
        assertEquals(2, challenge.wwwAuthenticate().size());
        assertEquals("invalid_token", BearerTokenError.parse(challenge.wwwAuthenticate().get(0)).getCode());
        DPoPTokenError offer = DPoPTokenError.parse(challenge.wwwAuthenticate().get(1));
        assertNull(offer.getCode());
        assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256), offer.getJWSAlgorithms());
    }

    @Test
    void aCertificateMismatchIsAnInvalidBearerTokenOnly() throws Exception {
        BindingChallenge challenge = BindingChallenge.of(BindingFailure.CERT_THUMBPRINT_MISMATCH, ALGS, null);
        assertEquals(1, challenge.wwwAuthenticate().size());
        assertEquals("invalid_token", BearerTokenError.parse(challenge.wwwAuthenticate().get(0)).getCode());
    }

    @Test
    void anUnreachableReplayStoreIsOurFaultNotTheClients() {
        BindingChallenge challenge = BindingChallenge.of(BindingFailure.DPOP_REPLAY_CHECK_UNAVAILABLE, ALGS, null);
        assertEquals(503, challenge.status());
        assertTrue(challenge.wwwAuthenticate().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BindingFailure.class)
    void everyReasonHasAParseableAnswerThatEchoesNothing(BindingFailure reason) throws Exception {
        BindingChallenge challenge = BindingChallenge.of(reason, ALGS, null);
        for (String value : challenge.wwwAuthenticate()) {
            if (value.startsWith("DPoP")) {
                DPoPTokenError.parse(value);
            } else {
                assertEquals("invalid_token", BearerTokenError.parse(value).getCode());
            }
            assertFalse(value.contains("eyJ"), "no token or proof content");
        }
        assertEquals(reason.error() == null ? 503 : 401, challenge.status());
    }

    @Test
    void theOfferListsTheAlgorithms() throws Exception {
        assertEquals("DPoP algs=\"ES256 PS256\"", BindingChallenge.offer(ALGS));
    }
}
