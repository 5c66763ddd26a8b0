package io.portcullis.policy;

import java.util.List;

/**
 * Read access to the request's header fields for the {@code header} criterion, so the engine sees
 * no Netty type. Names are matched ignoring case, as HTTP requires.
 */
@FunctionalInterface
public interface RequestHeaders {

    /** Every value of the named field, in the order received; empty when the field is absent. */
    List<String> all(String name);
}
