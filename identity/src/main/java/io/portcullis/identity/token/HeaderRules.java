package io.portcullis.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.portcullis.identity.AuthFailure;
import java.util.Locale;
import java.util.Set;

/**
 * Header checks that hold for every issuer: no HMAC (a verifier holding only public keys must never be
 * tricked into using one as a MAC secret), a known {@code typ}, and no {@code crit} extensions — we
 * implement none, so RFC 7515 §4.1.11 says the token must be refused.
 */
final class HeaderRules {

    private static final Set<String> ALLOWED_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt", "application/jwt");

    private HeaderRules() {
    }

    /** The first rule the header breaks, or null. */
    static AuthFailure check(JWSHeader header) {
        if (JWSAlgorithm.Family.HMAC_SHA.contains(header.getAlgorithm())) {
            return AuthFailure.ALGORITHM_NOT_ALLOWED;
        }
        if (header.getType() != null
                && !ALLOWED_TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
            return AuthFailure.TOKEN_TYPE_NOT_ALLOWED;
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return AuthFailure.CRIT_UNSUPPORTED;
        }
        return null;
    }

    /** True when the issuer's allowlist names the token's algorithm (never HMAC or none). */
    static boolean algorithmAllowed(JWSHeader header, Iterable<String> allowlist) {
        String alg = header.getAlgorithm().getName();
        for (String allowed : allowlist) {
            if (allowed.equals(alg)) {
                return !JWSAlgorithm.Family.HMAC_SHA.contains(header.getAlgorithm());
            }
        }
        return false;
    }
}
