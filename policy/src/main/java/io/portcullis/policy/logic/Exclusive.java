package io.portcullis.policy.logic;

/**
 * A criterion that can tell, at compile time, that it and another can never both be TRUE for one
 * request (e.g. {@code http_method is GET} and {@code http_method is POST}), so lint can flag an
 * {@code and} that never holds.
 */
public interface Exclusive {

    /** True only when no request makes both this and {@code other} TRUE. */
    boolean excludes(Condition other);
}
