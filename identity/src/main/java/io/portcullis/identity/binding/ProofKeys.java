package io.portcullis.identity.binding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import java.util.Set;

/**
 * Checked proof headers by their exact base64url text. A client signs every proof with one key, and a
 * proof's header holds only {@code typ}, {@code alg} and {@code jwk}, so the same header comes back
 * with every request of that client: its rules, on-curve check, thumbprint and key conversion are done
 * once, not per request. Keyed by the exact bytes the signature covers, so a cached header is only
 * ever used for a proof that carries that very header; the signature, claims and replay are checked on
 * every proof. Refused headers are not kept. Bounded; a flood of distinct keys only evicts.
 */
final class ProofKeys {

    /** Headers remembered per issuer's check: far more clients than one replica serves at once. */
    static final long DEFAULT_MAX_KEYS = 10_000;

    private final Set<JWSAlgorithm> allowed;
    private final Cache<String, ProofKey> checked;

    ProofKeys(Set<JWSAlgorithm> allowed, long maxKeys) {
        this.allowed = Set.copyOf(allowed);
        // Maintenance on the caller's thread: no pool thread for a cache touched per request.
        this.checked = Caffeine.newBuilder().maximumSize(maxKeys).executor(Runnable::run).build();
    }

    /** The checked key of {@code headerSegment}; a refusal when its header breaks a rule. */
    ProofKey of(String headerSegment) throws Refusal {
        ProofKey known = checked.getIfPresent(headerSegment);
        if (known != null) {
            return known;
        }
        ProofKey key = ProofKey.of(headerSegment, allowed);
        checked.put(headerSegment, key);
        return key;
    }
}
