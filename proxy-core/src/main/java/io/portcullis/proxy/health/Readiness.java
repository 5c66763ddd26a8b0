package io.portcullis.proxy.health;

import io.portcullis.identity.IssuerStatus;
import io.portcullis.proxy.RuntimeConfig;

/**
 * Whether this instance can decide requests: a config is loaded and every issuer's keys were fetched
 * at least once. Stale keys (a refresh failed, the last good ones in use) and a state store that is
 * down do not make it unready: tokens still validate, and every replica would be affected alike.
 */
public final class Readiness {

    private Readiness() {
    }

    /** Why {@code rc} cannot decide requests yet, or null when it can. */
    public static String notReadyReason(RuntimeConfig rc) {
        if (rc == null) {
            return "no config loaded";
        }
        if (rc.identity() == null) {
            return null;
        }
        for (IssuerStatus s : rc.identity().issuers()) {
            if (!s.keysLoaded()) {
                return "issuer " + s.issuerId() + ": keys not loaded yet";
            }
        }
        return null;
    }
}
