package io.portcullis.identity.revocation;

import java.time.Instant;

/**
 * Where revocations are written and looked up. Lookups run on the request path: an implementation
 * answers from memory and never waits on a network (a shared implementation mirrors the store).
 */
public interface Revocations {

    /** Records a revocation, effective on this instance before the call returns. */
    void revoke(Revocation revocation);

    /**
     * When the thing named was revoked, or null when it is not (or no longer needs to be) revoked.
     * For {@link Revocation.Kind#SUBJECT} the latest revocation of that subject.
     */
    Instant revokedAt(Revocation.Kind kind, String issuerId, String value);

    /** True when nothing of this kind is revoked: lets the request path skip building a lookup key. */
    boolean noneOf(Revocation.Kind kind);
}
