package io.portcullis.policy.values;

import io.portcullis.policy.Tri;

/**
 * A compiled test of one JSON value (a claim or a device attribute). A value of the wrong type is
 * {@link Tri#UNKNOWN}, never FALSE: a type confusion must not satisfy a deny-by-absence.
 */
@FunctionalInterface
public interface ValueTest {

    /** @param fact the value as found; never null (a missing value is handled by the caller) */
    Tri test(Object fact);
}
