package io.portcullis.identity.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A token's claims, read once from its payload: the immutable plain map {@link io.portcullis.identity.Identity}
 * carries (String, Boolean, Long, Double, unmodifiable List and Map values; top-level nulls dropped;
 * {@code exp}/{@code nbf}/{@code iat} as epoch seconds) and the registered claims the checks need.
 *
 * <p>Reads exactly as Nimbus's {@code JWTClaimsSet.parse} followed by {@code PlainClaims.of} did, odd
 * inputs included, so that no token is answered differently: a registered claim of the wrong type
 * makes the payload malformed; a numeric {@code sub} becomes its decimal text; a time is
 * {@code Number.longValue()} seconds (fraction dropped toward zero), held in milliseconds with Java's
 * wrap-around on overflow; a one-element {@code aud} array shows as a string in the map and an empty one
 * not at all. Before, the payload went through four conversions (JSON maps, Nimbus's claims set, back
 * to JSON maps, a deep copy); a profile of distinct tokens spent most of the key-free checks there.
 */
public final class TokenClaims {

    private final Map<String, Object> plain;
    private final String issuer;
    private final String subject;
    private final List<String> audience;
    private final Instant expiresAt;
    private final Instant notBefore;
    private final Instant issuedAt;
    private final String jwtId;

    private TokenClaims(Map<String, Object> plain, String issuer, String subject, List<String> audience,
                        Instant expiresAt, Instant notBefore, Instant issuedAt, String jwtId) {
        this.plain = plain;
        this.issuer = issuer;
        this.subject = subject;
        this.audience = audience;
        this.expiresAt = expiresAt;
        this.notBefore = notBefore;
        this.issuedAt = issuedAt;
        this.jwtId = jwtId;
    }

    /**
     * Reads a decoded JWT payload.
     *
     * @throws ParseException for anything that is not a JSON object, or a registered claim of a type
     *                        Nimbus's claims-set parser refuses
     */
    static TokenClaims parse(String json) throws ParseException {
        Map<String, Object> object = JsonObjectReader.parseWithImmutableValues(json);
        String issuer = null;
        String subject = null;
        List<String> audience = List.of();
        Instant expiresAt = null;
        Instant notBefore = null;
        Instant issuedAt = null;
        String jwtId = null;
        // The top-level map is this method's own: its values are made plain in place, then frozen once.
        for (Iterator<Map.Entry<String, Object>> it = object.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> claim = it.next();
            Object value = claim.getValue();
            if (value == null) {
                it.remove();
                continue;
            }
            switch (claim.getKey()) {
                case "iss" -> issuer = string(value, "iss");
                case "sub" -> {
                    subject = subject(value);
                    claim.setValue(subject);
                }
                case "aud" -> {
                    audience = audience(value);
                    Object shown = audienceAsShown(audience);
                    if (shown == null) {
                        it.remove();
                    } else {
                        claim.setValue(shown);
                    }
                }
                case "exp" -> {
                    expiresAt = time(value, "exp");
                    claim.setValue(epochSeconds(expiresAt));
                }
                case "nbf" -> {
                    notBefore = time(value, "nbf");
                    claim.setValue(epochSeconds(notBefore));
                }
                case "iat" -> {
                    issuedAt = time(value, "iat");
                    claim.setValue(epochSeconds(issuedAt));
                }
                case "jti" -> jwtId = string(value, "jti");
                default -> {
                    // Nested objects and arrays are already unmodifiable: nothing to copy.
                }
            }
        }
        return new TokenClaims(Map.copyOf(object), issuer, subject, audience, expiresAt, notBefore, issuedAt,
                jwtId);
    }

    /** Every claim as plain immutable values, ready for {@link io.portcullis.identity.Identity#claims()}. */
    public Map<String, Object> asMap() {
        return plain;
    }

    /** {@code iss}, or null. */
    public String issuer() {
        return issuer;
    }

    /** {@code sub} (a numeric one as its decimal text), or null. */
    public String subject() {
        return subject;
    }

    /**
     * {@code aud} as a list, empty when absent. An array may hold JSON nulls (Nimbus accepts them); they
     * never match an audience.
     */
    public List<String> audience() {
        return audience;
    }

    /** {@code exp}, or null. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@code nbf}, or null. */
    public Instant notBefore() {
        return notBefore;
    }

    /** {@code iat}, or null. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@code jti}, or null. */
    public String jwtId() {
        return jwtId;
    }

    private static String string(Object value, String name) throws ParseException {
        if (value instanceof String text) {
            return text;
        }
        throw invalid(name);
    }

    private static String subject(Object value) throws ParseException {
        // Nimbus takes a numeric subject as its text; anything else that is not a string is refused.
        return value instanceof Number number ? String.valueOf(number) : string(value, "sub");
    }

    private static List<String> audience(Object value) throws ParseException {
        if (value instanceof String one) {
            return List.of(one);
        }
        if (!(value instanceof List<?> many)) {
            throw invalid("aud");
        }
        for (Object item : many) {
            if (item != null && !(item instanceof String)) {
                throw invalid("aud");
            }
        }
        @SuppressWarnings("unchecked") // every item checked above: a String or null
        List<String> strings = (List<String>) many;
        return strings;
    }

    /** How Nimbus serialized an audience: one value as itself, several as the list, none not at all. */
    private static Object audienceAsShown(List<String> audience) {
        return switch (audience.size()) {
            case 0 -> null;
            case 1 -> audience.get(0);
            default -> audience;
        };
    }

    private static Instant time(Object value, String name) throws ParseException {
        if (value instanceof Number number) {
            // Nimbus: new Date(longValue * 1000), overflow and all.
            return Instant.ofEpochMilli(number.longValue() * 1000L);
        }
        throw invalid(name);
    }

    private static Long epochSeconds(Instant time) {
        // Nimbus: Date.getTime() / 1000, which differs from the token's number only when that overflowed.
        return time.toEpochMilli() / 1000L;
    }

    private static ParseException invalid(String name) {
        return new ParseException("the " + name + " claim has an invalid type", 0);
    }

    /** Claim names only: values may be personal data and end up in a log. */
    @Override
    public String toString() {
        return "TokenClaims" + plain.keySet();
    }
}
