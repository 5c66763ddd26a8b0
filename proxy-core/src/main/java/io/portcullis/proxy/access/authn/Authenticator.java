package io.portcullis.proxy.access.authn;

import io.portcullis.proxy.access.AccessRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one kind of credential. An implementation answers synchronously (a completed future) whenever
 * it can, because the pipeline then runs its next stage at once without allocating one; it never
 * throws for anything a client sent.
 */
public interface Authenticator {

    /** Who made the request, per this authenticator's credential; {@link Authentication#NOT_RESPONSIBLE} when it has none to read. */
    CompletableFuture<Authentication> authenticate(AccessRequest request);
}
