package io.portcullis.identity.revocation;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.AuthFailure;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.identity.PostureResult;
import io.portcullis.identity.PresentedToken;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The identity stage with revocations applied to bearer tokens: a token that verifies but whose
 * {@code jti}, {@code sid} or subject is revoked is {@link AuthFailure#TOKEN_REVOKED}. Checked after
 * the verified-token cache, on every request, so a revocation takes effect on tokens already cached.
 * The check reads memory only; when nothing is revoked it costs three counter reads. Device posture is
 * held to device revocations ({@link DeviceRevocationCheck}) the same way.
 */
public final class RevocationCheckingIdentityService implements IdentityService {

    private static final AuthResult.Rejected REVOKED =
            new AuthResult.Rejected(AuthFailure.TOKEN_REVOKED, "the token has been revoked");

    private final IdentityService delegate;
    private final Revocations revocations;

    public RevocationCheckingIdentityService(IdentityService delegate, Revocations revocations) {
        this.delegate = delegate;
        this.revocations = revocations;
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(String token) {
        return checked(delegate.authenticate(token));
    }

    @Override
    public CompletableFuture<AuthResult> cached(PresentedToken token) {
        CompletableFuture<AuthResult> hit = delegate.cached(token);
        return hit == null ? null : checked(hit);
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(PresentedToken token) {
        return checked(delegate.authenticate(token));
    }

    private CompletableFuture<AuthResult> checked(CompletableFuture<AuthResult> result) {
        if (result.isDone() && !result.isCompletedExceptionally()) {
            // The cached path: answer without another future unless the token is revoked.
            AuthResult now = result.getNow(null);
            AuthResult after = apply(now);
            return after == now ? result : CompletableFuture.completedFuture(after);
        }
        return result.thenApply(this::apply);
    }

    private AuthResult apply(AuthResult result) {
        if (result instanceof AuthResult.Authenticated a && revoked(a.identity())) {
            return REVOKED;
        }
        return result;
    }

    private boolean revoked(Identity identity) {
        return TokenRevocationCheck.revoked(revocations, identity);
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, Identity identity) {
        return devicesChecked(delegate.posture(postureToken, identity));
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, AuthResult.Authenticated authenticated) {
        return devicesChecked(delegate.posture(postureToken, authenticated));
    }

    private CompletableFuture<PostureResult> devicesChecked(CompletableFuture<PostureResult> result) {
        if (revocations.noneOf(Revocation.Kind.DEVICE)) {
            return result;
        }
        return result.thenApply(r -> DeviceRevocationCheck.apply(revocations, r));
    }

    @Override
    public List<IssuerStatus> issuers() {
        return delegate.issuers();
    }

    @Override
    public boolean ready() {
        return delegate.ready();
    }

    @Override
    public IdentityService reconfigure(PortcullisConfig config) {
        return new RevocationCheckingIdentityService(delegate.reconfigure(config), revocations);
    }

    /** The wrapped service. */
    public IdentityService delegate() {
        return delegate;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
