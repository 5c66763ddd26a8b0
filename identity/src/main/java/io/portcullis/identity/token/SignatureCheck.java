package io.portcullis.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import java.security.Provider;
import java.util.List;

/** Verifies a JWS signature against candidate public keys; true when one of them verifies it. */
final class SignatureCheck {

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();
    private static final Provider FAST = FastSignatureProvider.load();

    private SignatureCheck() {
    }

    static boolean verify(SignedJWT jwt, List<JWK> candidates) {
        return verify(jwt, candidates, FAST);
    }

    /** With {@code fast} null, only the JDK's providers are used. */
    static boolean verify(SignedJWT jwt, List<JWK> candidates, Provider fast) {
        boolean useFast = fast != null && FastSignatureProvider.handles(jwt.getHeader().getAlgorithm());
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(),
                        ((AsymmetricJWK) key).toPublicKey());
                if (useFast) {
                    verifier.getJCAContext().setProvider(fast);
                }
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | ClassCastException e) {
                // A key that cannot verify this algorithm is simply not the signing key.
            }
        }
        return false;
    }

    /** The provider {@link #verify(SignedJWT, List)} uses, or null for the JDK's. */
    static Provider fastProvider() {
        return FAST;
    }
}
