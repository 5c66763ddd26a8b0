package io.portcullis.identity.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns verified claims into plain immutable Java values (String, Boolean, Number, List, Map) so no
 * Nimbus or JSON-library type leaks into the policy stage. Top-level nulls are dropped (a claim set to
 * null carries nothing a policy could use, and {@code Map.copyOf} refuses them).
 */
public final class PlainClaims {

    private PlainClaims() {
    }

    public static Map<String, Object> of(JWTClaimsSet claims) {
        return ofObject(claims.toJSONObject());
    }

    /** Like {@link #of}, for an already parsed JSON object. */
    public static Map<String, Object> ofObject(Map<?, ?> object) {
        return topLevel(object, PlainClaims::plain);
    }

    /**
     * An object whose values are already plain and immutable (from {@link TokenClaims} or an
     * {@code Identity}'s claims) without its null members, as {@link #ofObject} gives it but copying only
     * the top level: nested values are shared, not rebuilt.
     */
    public static Map<String, Object> withoutNulls(Map<?, ?> plainObject) {
        for (Map.Entry<?, ?> member : plainObject.entrySet()) {
            if (!(member.getKey() instanceof String) || member.getValue() == null) {
                return topLevel(plainObject, UnaryOperator.identity());
            }
        }
        // The common case, nothing to drop: one copy straight into the immutable map.
        @SuppressWarnings("unchecked") // every name checked above: a String
        Map<String, Object> plain = (Map<String, Object>) Map.copyOf(plainObject);
        return plain;
    }

    /** The object's non-null members, each value through {@code plainValue}, frozen. */
    private static Map<String, Object> topLevel(Map<?, ?> object, UnaryOperator<Object> plainValue) {
        Map<String, Object> kept = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (value != null) {
                kept.put(String.valueOf(name), plainValue.apply(value));
            }
        });
        return Map.copyOf(kept);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number || value == null) {
            return value;
        }
        return String.valueOf(value);
    }
}
