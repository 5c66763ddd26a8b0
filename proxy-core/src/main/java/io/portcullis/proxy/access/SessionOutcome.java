package io.portcullis.proxy.access;

import io.portcullis.identity.oidc.Session;
import java.util.List;

/**
 * What a browser session adds to a decision.
 *
 * @param session    the session the identity came from, or null when none was used
 * @param setCookies Set-Cookie values for whatever response the request gets: a refreshed session, or
 *                   the removal of an invalid, unreadable or ended one
 */
public record SessionOutcome(Session session, List<String> setCookies) {

    /** No session involved. */
    public static final SessionOutcome NONE = new SessionOutcome(null, List.of());

    public SessionOutcome {
        setCookies = List.copyOf(setCookies);
    }

    /** Only the removal of the cookies the browser sent: it has no usable session. */
    public static SessionOutcome cleared(List<String> setCookies) {
        return setCookies.isEmpty() ? NONE : new SessionOutcome(null, setCookies);
    }
}
