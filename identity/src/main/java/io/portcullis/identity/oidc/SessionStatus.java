package io.portcullis.identity.oidc;

/** Whether a session from a cookie may still be used, and in what form. */
public sealed interface SessionStatus {

    /**
     * The session is valid. {@code changed} is true when it was refreshed, so the browser needs a new
     * cookie.
     */
    record Active(Session session, boolean changed) implements SessionStatus {
    }

    /** The session is over: the browser must log in again. {@code reason} is a reason code. */
    record Ended(String reason) implements SessionStatus {
    }
}
