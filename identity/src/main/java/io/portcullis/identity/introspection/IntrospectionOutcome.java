package io.portcullis.identity.introspection;

import io.portcullis.identity.Identity;
import java.time.Instant;

/** What one introspection endpoint said about a token. */
public sealed interface IntrospectionOutcome {

    /** The token is active; {@code cacheUntil} is when the answer stops being reused. */
    record Active(Identity identity, Instant cacheUntil) implements IntrospectionOutcome {
    }

    /** The token is not active (or the answer was not acceptable); reused for the negative TTL. */
    record Inactive(String reason) implements IntrospectionOutcome {
    }
}
