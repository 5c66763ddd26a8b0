package io.portcullis.proxy.access.authn;

import io.portcullis.identity.oidc.Session;
import io.portcullis.identity.oidc.SessionStatus;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.SessionOutcome;
import io.portcullis.proxy.sso.SsoCookies;
import io.portcullis.proxy.sso.SsoRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A browser session cookie, for requests without an Authorization header (a bearer token always wins).
 * The cookie is opened, checked (expiry, back-channel logout) and refreshed when its access token is
 * about to expire. A cookie that cannot be opened, for whatever reason, is no session: the request is
 * anonymous with the true reason, and the cookie is cleared.
 */
public final class SessionAuthenticator implements Authenticator {

    private static final CompletableFuture<Authentication> MISSING =
            CompletableFuture.completedFuture(Authentication.anonymous("token-missing"));

    private final SsoRuntime sso;
    private final Clock clock;

    public SessionAuthenticator(SsoRuntime sso, Clock clock) {
        this.sso = sso;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Authentication> authenticate(AccessRequest request) {
        if (!request.headers().all("Authorization").isEmpty()) {
            return Authentication.NOT_RESPONSIBLE_NOW;
        }
        SsoCookies cookies = sso.cookies();
        SsoService service = sso.service();
        Map<String, String> sent = SsoCookies.parse(request.headers().all("Cookie"));
        String value = cookies.session(sent);
        if (value == null) {
            return MISSING;
        }
        Session session;
        try {
            session = service.sessions().decode(value);
        } catch (RuntimeException e) {
            // The codec answers null for what it refuses; anything it throws is still a cookie we cannot read.
            return noSession("session-malformed", cookies, sent);
        }
        if (session == null) {
            // Tampered, sealed with a retired key, or expired: the browser has no session, and the cookie goes.
            return noSession("session-invalid", cookies, sent);
        }
        return service.resume(session).thenApply(status -> {
            if (status instanceof SessionStatus.Ended ended) {
                return new Authentication.Anonymous(ended.reason(), SessionOutcome.cleared(cookies.clearAll(sent)), null);
            }
            Session current = ((SessionStatus.Active) status).session();
            List<String> setCookies = ((SessionStatus.Active) status).changed()
                    ? cookies.setSession(service.sessions().encode(current),
                            Duration.between(clock.instant(), current.expiresAt()), sent)
                    : List.of();
            return Authentication.Authenticated.of(current.identity(), null, new SessionOutcome(current, setCookies), null);
        });
    }

    private static CompletableFuture<Authentication> noSession(String reason, SsoCookies cookies,
                                                               Map<String, String> sent) {
        return CompletableFuture.completedFuture(
                new Authentication.Anonymous(reason, SessionOutcome.cleared(cookies.clearAll(sent)), null));
    }
}
