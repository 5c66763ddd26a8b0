package io.portcullis.proxy.tools.explain;

import io.portcullis.config.Position;
import io.portcullis.policy.Tri;

/**
 * One criterion of a policy and how it came out for one request.
 *
 * @param part   which rule it belongs to: {@code deny}, {@code allow}, or {@code deny (from <policy>)}
 * @param source the criterion as written in the config, for the operator to recognise
 * @param value  TRUE, FALSE or UNKNOWN (a fact the request does not carry)
 * @param reason the reason code it gives in that state: what it satisfied or what it refused
 * @param refuses whether this outcome works against the request (allow not TRUE, deny not FALSE),
 *                once the negations above the criterion are applied
 * @param negated whether an odd number of {@code not}/{@code nor} stand above the criterion
 */
public record CriterionTrace(String part, Position position, String source, Tri value, String reason,
                             boolean refuses, boolean negated) {
}
