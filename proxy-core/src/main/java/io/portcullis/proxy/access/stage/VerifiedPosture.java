package io.portcullis.proxy.access.stage;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.PostureResult;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.Completed;
import io.portcullis.proxy.access.authn.Authentication;
import io.portcullis.proxy.auth.CertificatePosture;
import io.portcullis.proxy.auth.ClientCertificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Posture as the proxy verifies it: the posture token header, else the identity token's posture claim
 * (when configured), joined by the connection's client certificate ({@link CertificatePosture}). An
 * anonymous request has only its certificate's facts. An invalid posture token never falls back to
 * the claim: its problem is reported and the device is unknown.
 */
public final class VerifiedPosture implements PostureStage {

    private final IdentityService identity;
    private final DevicePostureConfig config;

    public VerifiedPosture(IdentityService identity, DevicePostureConfig config) {
        this.identity = identity;
        this.config = config;
    }

    @Override
    public CompletableFuture<PostureOutcome> posture(AccessRequest request, Authentication.Authenticated who) {
        ClientCertificate certificate = request.peer().certificate();
        if (who == null || who.identity() == null) {
            return certificateOnly(certificate);
        }
        // More than one posture header is refused before the decision; the first is the only one.
        List<String> values = request.headers().all(config.header());
        String token = values.isEmpty() ? null : values.get(0);
        if (token == null && config.claimsFromIdentityToken() == null) {
            return certificateOnly(certificate);
        }
        CompletableFuture<PostureResult> result = who.bearer() == null
                ? identity.posture(token, who.identity())
                : identity.posture(token, who.bearer());
        if (Completed.normally(result)) {
            return CompletableFuture.completedFuture(outcome(result.getNow(null), certificate));
        }
        return result.thenApply(p -> outcome(p, certificate));
    }

    /** The certificate's facts alone; without a certificate, the shared "no device" answer. */
    private static CompletableFuture<PostureOutcome> certificateOnly(ClientCertificate certificate) {
        return certificate == null ? PostureOutcome.NONE_NOW
                : CompletableFuture.completedFuture(PostureOutcome.of(CertificatePosture.merge(null, certificate), null));
    }

    private static PostureOutcome outcome(PostureResult result, ClientCertificate certificate) {
        if (result instanceof PostureResult.Present present) {
            return PostureOutcome.of(CertificatePosture.merge(present.posture(), certificate), null);
        }
        return PostureOutcome.of(CertificatePosture.merge(null, certificate), ((PostureResult.Absent) result).reason());
    }
}
