package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.proxy.edge.IdentityHeaderScrubber;
import java.util.Collection;
import java.util.List;

/**
 * A route's {@code request_headers.remove}: the named headers taken out of the client's request in
 * every spelling ({@code X_Debug} and {@code x-debug} alike), since the upstreams that turn headers
 * into variables read them as one name.
 */
public final class RemoveHeaderRule {

    private final List<String> names;
    private final IdentityHeaderScrubber matcher;

    /** The rule removing {@code names}. */
    public RemoveHeaderRule(Collection<String> names) {
        this.names = List.copyOf(names);
        this.matcher = new IdentityHeaderScrubber(names);
    }

    /** The names as configured. */
    public List<String> names() {
        return names;
    }

    /** Removes the named headers in place; returns how many fields were removed. */
    public int apply(HttpHeaders headers) {
        return names.isEmpty() ? 0 : matcher.scrub(headers);
    }
}
