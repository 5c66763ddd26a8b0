package io.portcullis.proxy.access.stage;

import io.portcullis.policy.DeviceFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.authn.Authentication;
import java.util.concurrent.CompletableFuture;

/** Device facts given by hand or verified beforehand, for the offline tools; the same for every request. */
public final class GivenPosture implements PostureStage {

    private final CompletableFuture<PostureOutcome> answer;

    /** @param device the device facts, or null for no device */
    public GivenPosture(DeviceFacts device) {
        this.answer = CompletableFuture.completedFuture(new PostureOutcome(null, device, null));
    }

    @Override
    public CompletableFuture<PostureOutcome> posture(AccessRequest request, Authentication.Authenticated identity) {
        return answer;
    }
}
