package io.portcullis.proxy.access.stage;

import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.authn.Authentication;
import java.util.concurrent.CompletableFuture;

/** Resolves the device a request comes from; completes at once whenever nothing must be fetched. */
public interface PostureStage {

    /** @param identity the authenticated identity, or null when the request is anonymous */
    CompletableFuture<PostureOutcome> posture(AccessRequest request, Authentication.Authenticated identity);
}
