package io.portcullis.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import java.util.ArrayList;
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
        if (keyType == null) {
            return List.of();
        }
        // A loop, not a stream: this runs for every new token, and the stream's pipeline objects and
        // buffer were a few percent of a distinct-token request's garbage. One match (a kid) is the rule.
        JWK only = null;
        List<JWK> several = null;
        for (int i = 0, n = keys.size(); i < n; i++) {
            JWK key = keys.get(i);
            if (fits(key, keyType, kid, alg)) {
                if (only == null) {
                    only = key;
                } else {
                    if (several == null) {
                        several = new ArrayList<>();
                        several.add(only);
                    }
                    several.add(key);
                }
            }
        }
        return several != null ? List.copyOf(several) : only != null ? List.of(only) : List.of();
    }

    private static boolean fits(JWK key, KeyType keyType, String kid, JWSAlgorithm alg) {
        return keyType.equals(key.getKeyType())
                && (kid == null || kid.equals(key.getKeyID()))
                && (key.getAlgorithm() == null || key.getAlgorithm().equals(alg))
                && curveFits(key, alg);
    }

    private static boolean curveFits(JWK key, JWSAlgorithm alg) {
        if (!(key instanceof ECKey ec)) {
            return true;
        }
        Set<Curve> curves = Curve.forJWSAlgorithm(alg);
        return curves != null && curves.contains(ec.getCurve());
    }
}
