package io.portcullis.proxy.access.authn;

import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.binding.Binding;
import io.portcullis.identity.binding.BindingOutcome;
import io.portcullis.identity.binding.Presentation;
import io.portcullis.identity.binding.SenderConstraintCheck;
import io.portcullis.identity.binding.SenderConstraints;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.Completed;
import io.portcullis.proxy.access.SessionOutcome;
import io.portcullis.proxy.auth.BearerToken;
import io.portcullis.proxy.auth.ClientCertificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An access token in the Authorization header ({@code Bearer}, RFC 6750, or {@code DPoP}, RFC 9449),
 * verified by the identity service (signature, or introspection where an issuer is configured for it),
 * then checked for its sender binding (DPoP proof, client certificate) under the issuer's
 * {@code sender_constraint}. A token the service verified before is answered from its cache
 * synchronously, and is not scanned for token68 again (only such are cached); the binding check runs on
 * every request after it, since a proof is good for one request only. An unbound bearer token with no
 * {@code DPoP} header on an issuer that does not require binding skips the check and allocates nothing.
 */
public final class BearerAuthenticator implements Authenticator {

    private static final String AUTHORIZATION = "Authorization";
    private static final String DPOP = "DPoP";
    private static final CompletableFuture<Authentication> MISSING =
            CompletableFuture.completedFuture(Authentication.anonymous("token-missing"));
    private static final CompletableFuture<Authentication> MULTIPLE =
            CompletableFuture.completedFuture(new Authentication.Ambiguous("multiple-authorization-headers"));

    private final IdentityService identity;
    private final boolean onlyWithHeader;
    private final SenderConstraints constraints;

    /**
     * @param onlyWithHeader true when another authenticator (a session) takes requests without an
     *                       Authorization header; false to answer {@code token-missing} for them
     * @param constraints    the issuers' sender-constraint checks; null where no request is ever bound
     *                       (offline tools), which also refuses the {@code DPoP} scheme
     */
    public BearerAuthenticator(IdentityService identity, boolean onlyWithHeader, SenderConstraints constraints) {
        this.identity = identity;
        this.onlyWithHeader = onlyWithHeader;
        this.constraints = constraints;
    }

    @Override
    public CompletableFuture<Authentication> authenticate(AccessRequest request) {
        List<String> authorization = request.headers().all(AUTHORIZATION);
        if (authorization.isEmpty()) {
            return onlyWithHeader ? Authentication.NOT_RESPONSIBLE_NOW : MISSING;
        }
        BearerToken.Extraction bearer = BearerToken.hashed(authorization);
        CompletableFuture<AuthResult> cached = bearer.present() ? identity.cached(bearer.presented()) : null;
        if (cached == null) {
            bearer = BearerToken.checkedToken68(bearer);
        }
        if (!bearer.present()) {
            return "multiple-authorization-headers".equals(bearer.problem()) ? MULTIPLE
                    : CompletableFuture.completedFuture(Authentication.anonymous(
                            bearer.problem() == null ? "token-missing" : bearer.problem()));
        }
        CompletableFuture<AuthResult> result = cached != null ? cached : identity.authenticate(bearer.presented());
        BearerToken.Extraction presented = bearer;
        if (Completed.normally(result)) {
            return bound(request, presented, result.getNow(null));
        }
        return result.thenCompose(r -> bound(request, presented, r));
    }

    private CompletableFuture<Authentication> bound(AccessRequest request, BearerToken.Extraction presented,
                                                    AuthResult result) {
        if (result instanceof AuthResult.Rejected rejected) {
            return CompletableFuture.completedFuture(Authentication.anonymous(rejected.reason().code()));
        }
        AuthResult.Authenticated authenticated = (AuthResult.Authenticated) result;
        Identity id = authenticated.identity();
        SenderConstraintCheck check = constraints == null ? null : constraints.forIssuer(id.issuerId());
        if (check == null) {
            return CompletableFuture.completedFuture(presented.dpop()
                    ? Authentication.anonymous("dpop-token-not-bound") : authenticated(authenticated, null));
        }
        List<String> proofs = request.headers().all(DPOP);
        if (!presented.dpop() && proofs.isEmpty() && !id.claims().containsKey("cnf")
                && check.config().mode() != SenderConstraintConfig.Mode.REQUIRED) {
            return CompletableFuture.completedFuture(authenticated(authenticated,
                    check.config().mode() == SenderConstraintConfig.Mode.NONE ? Binding.NOT_CHECKED : Binding.UNBOUND));
        }
        Presentation presentation = new Presentation(
                presented.dpop() ? Presentation.Scheme.DPOP : Presentation.Scheme.BEARER, presented.token(), proofs,
                request.target().method(), request.target().origin() == null ? "" : request.target().origin() + request.target().path(),
                certificate(request));
        CompletableFuture<BindingOutcome> outcome = check.check(presentation, id.confirmation(),
                request.peer().provenDpopKey()).toCompletableFuture();
        if (Completed.normally(outcome)) {
            return CompletableFuture.completedFuture(judged(authenticated, check, outcome.getNow(null)));
        }
        return outcome.thenApply(o -> judged(authenticated, check, o));
    }

    private static Authentication.Authenticated authenticated(AuthResult.Authenticated result, Binding binding) {
        return Authentication.Authenticated.of(result.identity(), result, SessionOutcome.NONE, binding);
    }

    private static Authentication judged(AuthResult.Authenticated result, SenderConstraintCheck check,
                                         BindingOutcome outcome) {
        if (outcome instanceof BindingOutcome.Accepted accepted) {
            return authenticated(result, accepted.binding());
        }
        BindingOutcome.Refused refused = (BindingOutcome.Refused) outcome;
        return new Authentication.Anonymous(refused.reason().code(), SessionOutcome.NONE,
                check.challenge(refused.reason()));
    }

    private static java.security.cert.X509Certificate certificate(AccessRequest request) {
        ClientCertificate c = request.peer().certificate();
        return c == null ? null : c.certificate();
    }
}
