package io.portcullis.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import java.util.List;
import java.util.Set;

/**
 * Picks the issuer keys that may verify a token: same {@code kid} when the token names one, a key
 * type (and EC curve) that fits the algorithm, and no conflicting {@code alg} on the key. Only the
 * header's {@code alg} and {@code kid} are read — {@code jwk}, {@code jku}, {@code x5u} and
 * {@code x5c} are ignored, because keys come from the issuer's JWKS and nowhere else.
 */
public final class KeySelector {

    private KeySelector() {
    }

    /** The keys of {@code keys} that may have made a signature with this header. */
    public static List<JWK> candidates(List<JWK> keys, JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        KeyType keyType = KeyType.forAlgorithm(alg);
        String kid = header.getKeyID();
        return keys.stream()
                .filter(key -> keyType != null && keyType.equals(key.getKeyType()))
                .filter(key -> kid == null || kid.equals(key.getKeyID()))
                .filter(key -> key.getAlgorithm() == null || key.getAlgorithm().equals(alg))
                .filter(key -> curveFits(key, alg))
                .toList();
    }

    private static boolean curveFits(JWK key, JWSAlgorithm alg) {
        if (!(key instanceof ECKey ec)) {
            return true;
        }
        Set<Curve> curves = Curve.forJWSAlgorithm(alg);
        return curves != null && curves.contains(ec.getCurve());
    }
}
