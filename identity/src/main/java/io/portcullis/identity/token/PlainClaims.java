package io.portcullis.identity.token;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns verified claims into plain immutable Java values (String, Boolean, Number, List, Map) so no
 * Nimbus or JSON-library type leaks into the policy stage. Top-level nulls are dropped (a claim set to
 * null carries nothing a policy could use, and {@code Map.copyOf} refuses them).
 */
public final class PlainClaims {

    private PlainClaims() {
    }

    public static Map<String, Object> of(JWTClaimsSet claims) {
        Map<String, Object> plain = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> {
            if (value != null) {
                plain.put(name, plain(value));
            }
        });
        return Map.copyOf(plain);
    }

    /** Like {@link #of}, for an already parsed JSON object. */
    public static Map<String, Object> ofObject(Map<?, ?> object) {
        Map<String, Object> plain = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (value != null) {
                plain.put(String.valueOf(name), plain(value));
            }
        });
        return Map.copyOf(plain);
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
