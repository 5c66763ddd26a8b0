package io.portcullis.proxy.decisionapi;

import io.portcullis.config.DecisionApiConfig;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.IdentityService;
import io.portcullis.proxy.auth.BearerToken;
import io.portcullis.proxy.auth.ClientCertificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates an AuthZEN caller by {@code decision_api.authzen_callers}: a client certificate the TLS
 * handshake verified (when {@code client_certificate: true}), else an access token in
 * {@code Authorization: Bearer}, verified by the proxy's own identity pipeline (signature, audience,
 * expiry, revocation) and issued by one of the listed issuers. Nothing else counts. The token is never
 * logged; only a reason code is.
 */
final class AuthZenCallerAuth {

    /**
     * The outcome.
     *
     * @param caller who called ({@code issuer/subject} or the certificate's subject), or null when refused
     * @param reason why the caller was refused, or null
     */
    record Outcome(String caller, String reason) {
        boolean authenticated() {
            return caller != null;
        }
    }

    private AuthZenCallerAuth() {
    }

    /** Never completes exceptionally: a failure to verify is a refusal. */
    static CompletableFuture<Outcome> authenticate(DecisionApiConfig.AuthZenCallers callers, ClientCertificate certificate,
                                                   List<String> authorization, IdentityService identity) {
        if (callers.clientCertificate() && certificate != null) {
            return CompletableFuture.completedFuture(new Outcome("certificate " + certificate.subject(), null));
        }
        if (callers.issuers().isEmpty()) {
            return refused("caller-unauthenticated");
        }
        BearerToken.Extraction bearer = BearerToken.extract(authorization);
        if (bearer.problem() != null) {
            return refused(bearer.problem());
        }
        if (!bearer.present() || bearer.dpop()) {
            return refused("caller-unauthenticated");
        }
        CompletableFuture<AuthResult> result;
        try {
            result = identity.authenticate(bearer.presented());
        } catch (RuntimeException e) {
            return refused("caller-unauthenticated");
        }
        return result.handle((r, failure) -> {
            if (r instanceof AuthResult.Authenticated ok) {
                return callers.issuers().contains(ok.identity().issuerId())
                        ? new Outcome(ok.identity().issuerId() + "/" + ok.identity().subject(), null)
                        : new Outcome(null, "caller-issuer-not-allowed");
            }
            return new Outcome(null, r instanceof AuthResult.Rejected rejected ? rejected.reason().code()
                    : "caller-unauthenticated");
        });
    }

    private static CompletableFuture<Outcome> refused(String reason) {
        return CompletableFuture.completedFuture(new Outcome(null, reason));
    }
}
