package io.portcullis.identity;

import io.portcullis.config.IssuerConfig;
import java.util.Objects;

/**
 * Whether two issuer configs would fetch and use keys the same way, so a reload may keep the key
 * cache. The source position is ignored: moving an issuer in the file changes nothing about its keys.
 */
final class SameKeySource {

    private SameKeySource() {
    }

    static boolean test(IssuerConfig a, IssuerConfig b) {
        return a.id().equals(b.id())
                && a.issuer().equals(b.issuer())
                && Objects.equals(a.jwksUri(), b.jwksUri())
                && a.discovery() == b.discovery()
                && a.audiences().equals(b.audiences())
                && a.algorithms().equals(b.algorithms())
                && Objects.equals(a.clockSkew(), b.clockSkew())
                && Objects.equals(a.jwksRefresh(), b.jwksRefresh());
    }
}
