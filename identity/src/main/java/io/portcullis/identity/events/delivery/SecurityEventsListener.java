package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.actions.SecurityAction;
import java.time.Duration;

/**
 * Callbacks the receiver reports through, so this module stays free of a metrics library and of the
 * decision log: the proxy implements them ({@code portcullis_security_events_total{transmitter,type,result}},
 * a decision-log line per action, push and poll health). Defaults do nothing; implementations must be
 * cheap and thread-safe.
 */
public interface SecurityEventsListener {

    /** An event was acted on ({@code result} {@code applied}) or deliberately not ({@code ignored}). */
    default void applied(SecurityAction action) {
    }

    /** A SET was refused; its events were never read, so there is no type. */
    default void refused(String transmitter, SetFailure failure) {
    }

    /** A push request was answered with {@code status}. */
    default void pushAnswered(String transmitter, int status) {
    }

    /** A poll round trip ended: {@code outcome} is {@code ok} or a failure code such as {@code http-503}. */
    default void polled(String transmitter, String outcome, int sets) {
    }

    /** How long after its {@code iat} a SET was applied: the delivery lag (push) or poll lag. */
    default void lag(String transmitter, Duration lag) {
    }

    SecurityEventsListener NONE = new SecurityEventsListener() {
    };
}
