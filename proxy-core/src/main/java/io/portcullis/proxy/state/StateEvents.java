package io.portcullis.proxy.state;

/** What the store reports for metrics; the proxy's {@code Metrics} implements it. */
public interface StateEvents {

    /** Reports nothing. */
    StateEvents NONE = new StateEvents() {
    };

    /** One command's round trip, successful or not. */
    default void roundTrip(String operation, long nanos, boolean ok) {
    }

    /** A caller used its local fallback because the store could not answer ({@code rate_limit}, {@code replay}, ...). */
    default void fallback(String operation) {
    }

    /** A revocation arrived by pub/sub this long after it was published. */
    default void pubSubLag(long millis) {
    }
}
