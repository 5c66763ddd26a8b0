package io.portcullis.proxy.events;

import io.portcullis.identity.revocation.Revocation;
import io.portcullis.proxy.live.LiveEntry;
import java.util.function.Predicate;

/**
 * The live connections a revocation published by a replica can end here: those allowed with that
 * issuer session ({@code sid}), subject, verified email or device. A revocation of one of our own SSO sessions or of a
 * {@code jti} names nothing a live entry keeps, so it selects none (its connections close at their
 * expiry or at the next reload).
 */
final class RevokedLive {

    private RevokedLive() {
    }

    /** The entries {@code r} may end, or null when it names nothing an entry keeps. */
    static Predicate<LiveEntry> of(Revocation r) {
        String issuerId = r.issuerId();
        String value = r.value();
        return switch (r.kind()) {
            case SID -> e -> value.equals(e.sid()) && issuerId.equals(e.issuerId());
            case SUBJECT -> e -> value.equals(e.subject()) && issuerId.equals(e.issuerId());
            case DEVICE -> LiveEntry.byDevice(value);
            case EMAIL -> e -> value.equals(e.email()) && issuerId.equals(e.issuerId());
            case SESSION, JTI -> null;
        };
    }
}
