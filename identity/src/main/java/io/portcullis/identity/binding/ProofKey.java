package io.portcullis.identity.binding;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.portcullis.identity.token.FastSignatureProvider;
import java.security.Provider;
import java.util.Set;

/**
 * A proof header that passed the header rules, with everything derived from its key: the RFC 7638
 * thumbprint and a verifier (Nimbus verifiers are thread-safe and hold the decoded public key, so
 * building one is the costly part — the on-curve check and the key conversion).
 *
 * @param header     the parsed header
 * @param key        the public key it carries
 * @param thumbprint the key's RFC 7638 SHA-256 thumbprint, base64url
 * @param verifier   verifies signatures made with that key, through the fast provider when it handles the algorithm
 */
record ProofKey(JWSHeader header, JWK key, String thumbprint, JWSVerifier verifier) {

    private static final Provider FAST = FastSignatureProvider.shared();

    /** Checks a header segment and derives the key's thumbprint and verifier. */
    static ProofKey of(String headerSegment, Set<JWSAlgorithm> allowed) throws Refusal {
        DPoPProof.Header h = DPoPProof.header(headerSegment, allowed);
        try {
            JWSVerifier verifier = h.key() instanceof ECKey ec ? new ECDSAVerifier(ec)
                    : new RSASSAVerifier((RSAKey) h.key());
            if (FAST != null && FastSignatureProvider.handles(h.header().getAlgorithm())) {
                verifier.getJCAContext().setProvider(FAST);
            }
            return new ProofKey(h.header(), h.key(), h.key().computeThumbprint().toString(), verifier);
        } catch (JOSEException | ClassCastException e) {
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
    }
}
