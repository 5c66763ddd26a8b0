package io.portcullis.proxy.access.authn;

import io.portcullis.identity.AuthResult;
import io.portcullis.identity.IdentityService;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.Completed;
import io.portcullis.proxy.access.SessionOutcome;
import io.portcullis.proxy.auth.BearerToken;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A bearer token (RFC 6750) in the Authorization header, verified by the identity service (signature,
 * or introspection where an issuer is configured for it). A token the service verified before is
 * answered from its cache synchronously, and is not scanned for token68 again (only such are cached).
 */
public final class BearerAuthenticator implements Authenticator {

    private static final String AUTHORIZATION = "Authorization";
    private static final CompletableFuture<Authentication> MISSING =
            CompletableFuture.completedFuture(Authentication.anonymous("token-missing"));
    private static final CompletableFuture<Authentication> MULTIPLE =
            CompletableFuture.completedFuture(new Authentication.Ambiguous("multiple-authorization-headers"));

    private final IdentityService identity;
    private final boolean onlyWithHeader;

    /**
     * @param onlyWithHeader true when another authenticator (a session) takes requests without an
     *                       Authorization header; false to answer {@code token-missing} for them
     */
    public BearerAuthenticator(IdentityService identity, boolean onlyWithHeader) {
        this.identity = identity;
        this.onlyWithHeader = onlyWithHeader;
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
        if (Completed.normally(result)) {
            return CompletableFuture.completedFuture(of(result.getNow(null)));
        }
        return result.thenApply(BearerAuthenticator::of);
    }

    private static Authentication of(AuthResult result) {
        if (result instanceof AuthResult.Rejected rejected) {
            return Authentication.anonymous(rejected.reason().code());
        }
        AuthResult.Authenticated authenticated = (AuthResult.Authenticated) result;
        return Authentication.Authenticated.of(authenticated.identity(), authenticated, SessionOutcome.NONE);
    }
}
