package io.portcullis.identity.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.jwks.KeySnapshot;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Validates issuer-signed JWTs (ID tokens, logout tokens) against the issuer's own JWKS cache, with
 * one rate-limited refetch when the signing key is not known yet (the issuer rotated its keys).
 */
final class IssuerKeys {

    private final JwksCache cache;
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();

    IssuerKeys(JwksCache cache, List<String> algorithms) {
        this.cache = cache;
        // Only asymmetric algorithms: our issuer keys are public keys, never MAC secrets.
        for (String name : algorithms) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                this.algorithms.add(alg);
            }
        }
    }

    /**
     * Runs {@code validation} with a key selector over the current keys; when it fails with
     * {@link UnknownKey} (no key matched), refetches once and runs it again; a key still unknown then
     * fails with {@code invalidReason}.
     */
    <T> CompletableFuture<T> validate(Function<JWSKeySelector<SecurityContext>, T> validation, String invalidReason) {
        return cache.keys().thenCompose(snapshot -> {
            try {
                return CompletableFuture.completedFuture(validation.apply(selector(snapshot)));
            } catch (UnknownKey e) {
                return cache.refetch().thenApply(fresh -> {
                    try {
                        return validation.apply(selector(fresh));
                    } catch (UnknownKey stillUnknown) {
                        throw new OidcException(invalidReason);
                    }
                });
            }
        });
    }

    JwksCache cache() {
        return cache;
    }

    private JWSKeySelector<SecurityContext> selector(KeySnapshot snapshot) {
        if (!snapshot.loaded()) {
            throw new OidcException("issuer-keys-unavailable");
        }
        return new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(new JWKSet(snapshot.keys())));
    }

    /** Thrown by a validation when no key of the issuer matched the token's header. */
    static final class UnknownKey extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownKey() {
            super("token-key-unknown", null, false, false);
        }
    }
}
