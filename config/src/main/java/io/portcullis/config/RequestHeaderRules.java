package io.portcullis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's {@code request_headers}: headers removed from the client's request, and headers set from
 * templates over the request's facts, before it goes upstream.
 *
 * @param set    header name → value template (insertion order kept)
 * @param remove header names removed from what the client sent
 */
public record RequestHeaderRules(Map<String, HeaderTemplate> set, List<String> remove) {

    public RequestHeaderRules {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    /** No rules. */
    public static RequestHeaderRules none() {
        return new RequestHeaderRules(Map.of(), List.of());
    }
}
