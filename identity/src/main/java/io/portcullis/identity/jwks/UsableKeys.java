package io.portcullis.identity.jwks;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.util.List;

/**
 * Keeps from a fetched JWKS only what may verify a token signature: RSA or EC keys whose {@code use}
 * is {@code sig} or absent, reduced to their public part (a JWKS that leaks private keys must not
 * make us hold them). RSA keys under 2048 bits are dropped: they are factorable, and Nimbus verifies
 * with any size.
 */
final class UsableKeys {

    private static final int MIN_RSA_BITS = 2048;

    private UsableKeys() {
    }

    static List<JWK> from(JWKSet set) {
        return set.getKeys().stream()
                .filter(key -> KeyType.RSA.equals(key.getKeyType()) || KeyType.EC.equals(key.getKeyType()))
                .filter(key -> key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
                .filter(key -> !KeyType.RSA.equals(key.getKeyType()) || key.size() >= MIN_RSA_BITS)
                .map(JWK::toPublicJWK)
                .toList();
    }
}
