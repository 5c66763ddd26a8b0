package io.portcullis.identity;

import java.util.Map;

/**
 * What a token's {@code cnf} claim (RFC 7800) binds it to, as far as Portcullis can check it: the SHA-256
 * thumbprint of a DPoP key ({@code jkt}, RFC 9449 §6) and of a client certificate ({@code x5t#S256},
 * RFC 8705 §3.1), both base64url.
 *
 * <p>A {@code cnf} that is not an object, has one of these members with a value that is not a non-empty
 * string, or binds by a method we cannot check ({@code jwk}, {@code jku}, {@code kid}, …) alone, is
 * {@link #unverifiable()}: it must be refused rather than read as "unbound", or a bound token would
 * work as a bearer token after all.
 *
 * @param jwkThumbprint         {@code cnf.jkt}, or null
 * @param certificateThumbprint {@code cnf.x5t#S256}, or null
 * @param unverifiable          the token is bound, but not in a way we can verify
 */
public record Confirmation(String jwkThumbprint, String certificateThumbprint, boolean unverifiable) {

    /** An unbound token: no {@code cnf}. */
    public static final Confirmation NONE = new Confirmation(null, null, false);

    private static final Confirmation UNVERIFIABLE = new Confirmation(null, null, true);

    /** Reads {@code cnf} from a token's (or introspection answer's) plain claims. */
    public static Confirmation of(Map<String, Object> claims) {
        Object cnf = claims.get("cnf");
        if (cnf == null) {
            return NONE;
        }
        if (!(cnf instanceof Map<?, ?> members) || members.isEmpty()) {
            return UNVERIFIABLE;
        }
        Object jkt = members.get("jkt");
        Object x5t = members.get("x5t#S256");
        if ((jkt != null && !nonEmptyString(jkt)) || (x5t != null && !nonEmptyString(x5t))
                || (jkt == null && x5t == null)) {
            return UNVERIFIABLE;
        }
        return new Confirmation((String) jkt, (String) x5t, false);
    }

    /** True when the token carries any binding at all. */
    public boolean bound() {
        return unverifiable || jwkThumbprint != null || certificateThumbprint != null;
    }

    private static boolean nonEmptyString(Object value) {
        return value instanceof String text && !text.isEmpty();
    }
}
