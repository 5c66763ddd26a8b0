package io.portcullis.identity.events;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.util.List;
import java.util.Locale;

/**
 * Header checks for a SET: {@code typ} must say it is one (RFC 8417 §2.3 — so an ID or access token can
 * never be replayed as a security event, nor a SET as a token), no HMAC (the receiver holds only public
 * keys), no {@code crit} extension (none is implemented), and an algorithm the transmitter's allowlist names.
 */
final class SetHeaderRules {

    private SetHeaderRules() {
    }

    /** The first rule the header breaks, or null. */
    static SetFailure check(JWSHeader header, List<String> algorithms) {
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) || !algorithms.contains(alg.getName())) {
            return SetFailure.ALGORITHM_NOT_ALLOWED;
        }
        if (header.getType() == null || !isSetType(header.getType().getType())) {
            return SetFailure.TYPE_NOT_ALLOWED;
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return SetFailure.CRIT_UNSUPPORTED;
        }
        return null;
    }

    private static boolean isSetType(String typ) {
        String lower = typ.toLowerCase(Locale.ROOT);
        return lower.equals("secevent+jwt") || lower.equals("application/secevent+jwt");
    }
}
