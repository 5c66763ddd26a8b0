package io.portcullis.identity.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.SsoConfig;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.cache.TokenDigest;
import io.portcullis.identity.jwks.JwksCache;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Browser single sign-on at one issuer: starts logins, finishes them at the callback (code exchange,
 * ID-token validation, a fresh session), keeps sessions alive by refreshing before the access token
 * expires, and ends them on back-channel logout. Never blocks: every network step is a future.
 */
public final class SsoService implements AutoCloseable {

    /** How long a browser has between the redirect to the issuer and the callback. */
    public static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);
    /** A session is refreshed when its access token has less than this left. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SsoConfig config;
    private final IssuerConfig issuer;
    private final Clock clock;
    private final SessionCodec sessions;
    private final LoginStateCodec loginStates;
    private final OidcClient client;
    private final IdTokenCheck idTokens;
    private final LogoutTokenCheck logoutTokens;
    private final RevokedSessions revoked;
    private final JwksCache keys;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService scheduler;
    /** Refreshes in flight or just done, by refresh-token digest: parallel requests share one refresh. */
    private final Cache<TokenDigest, CompletableFuture<SessionStatus>> refreshes;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SsoService(SsoConfig config, IssuerConfig issuer, SessionKeys sessionKeys, RevokedSessions revoked,
                       IdentityEvents events, Clock clock) {
        if (issuer.client() == null) {
            throw new IllegalArgumentException("issuer " + issuer.id() + " has no client_id");
        }
        this.config = config;
        this.issuer = issuer;
        this.clock = clock;
        this.revoked = revoked;
        this.sessions = new SessionCodec(sessionKeys, clock);
        this.loginStates = new LoginStateCodec(sessionKeys, clock);
        this.httpThreads = Executors.newFixedThreadPool(2, daemon("sso-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("sso-jwks-refresh"));
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(httpThreads)
                    .build();
            NimbusHttp nimbusHttp = new NimbusHttp(http);
            ProviderMetadataSource metadata = new ProviderMetadataSource(issuer.issuer(), nimbusHttp);
            this.client = new OidcClient(issuer.client(), config.callbackUri(), metadata, nimbusHttp, clock);
            this.keys = new JwksCache(issuer, http, events, clock, Duration.ofSeconds(30));
            keys.start(scheduler);
            IssuerKeys issuerKeys = new IssuerKeys(keys, issuer.algorithms());
            // A blank client id (the config binder refuses only an empty one) fails here, after the key fetch began.
            this.idTokens = new IdTokenCheck(issuer.issuer(), issuer.client().clientId(), issuerKeys,
                    issuer.clockSkew());
            this.logoutTokens = new LogoutTokenCheck(issuer.issuer(), issuer.client().clientId(), issuerKeys);
            this.refreshes = Caffeine.newBuilder().executor(Runnable::run).maximumSize(10_000)
                    .expireAfterWrite(Duration.ofSeconds(30)).build();
        } catch (Throwable e) {
            // A failed start hands no service to close: its threads, the key fetch and the refresh scheduled
            // on them stop here, or each refused reload of such a config would leave another set running.
            stopAfter(e, scheduler, httpThreads);
            throw e;
        }
    }

    /** Stops each executor (its scheduled and running tasks too); a failure to stop is added to {@code failure}. */
    private static void stopAfter(Throwable failure, ExecutorService... executors) {
        for (ExecutorService executor : executors) {
            try {
                executor.shutdownNow();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Starts the service: the issuer's keys are fetched in the background.
     *
     * @param revoked back-channel logouts; pass the previous service's on a reload so none is forgotten
     */
    public static SsoService start(SsoConfig config, IssuerConfig issuer, SessionKeys keys, RevokedSessions revoked,
                                   Clock clock) {
        return start(config, issuer, keys, revoked, IdentityEvents.NONE, clock);
    }

    /**
     * As above, reporting the issuer's JWKS fetches to {@code events} under the issuer's id, as the
     * bearer-token issuers' key caches do.
     */
    public static SsoService start(SsoConfig config, IssuerConfig issuer, SessionKeys keys, RevokedSessions revoked,
                                   IdentityEvents events, Clock clock) {
        return new SsoService(config, issuer, keys, revoked, events, clock);
    }

    public SsoConfig config() {
        return config;
    }

    public SessionCodec sessions() {
        return sessions;
    }

    public LoginStateCodec loginStates() {
        return loginStates;
    }

    public RevokedSessions revoked() {
        return revoked;
    }

    /** A new login attempt that returns to {@code returnTo} (sanitized: same-origin paths only). */
    public CompletableFuture<LoginStart> startLogin(String returnTo, StepUp stepUp) {
        LoginState state = new LoginState(new State().getValue(), new Nonce().getValue(),
                new CodeVerifier().getValue(), ReturnPath.sanitize(returnTo), stepUp.any(),
                clock.instant().plus(LOGIN_TIMEOUT));
        return client.authorizationUri(state, stepUp)
                .thenApply(uri -> new LoginStart(uri, state, loginStates.encode(state)));
    }

    /**
     * Finishes a login at the callback: exchanges the code, validates the ID token against this
     * login's nonce, and creates a brand-new session (never one the browser brought along).
     */
    public CompletableFuture<Session> finishLogin(LoginState state, String code) {
        return client.exchange(code, state.codeVerifier()).thenCompose(tokens ->
                idTokens.check(tokens.idToken(), state.nonce()).thenApply(claims -> {
                    Instant now = clock.instant();
                    Object sid = claims.getClaim("sid");
                    return new Session(randomId(), issuer.id(), issuer.issuer(), claims.getSubject(),
                            SessionClaims.from(claims), sid instanceof String s ? s : null,
                            tokens.refreshToken(), tokens.accessExpiresAt(), state.stepUp(), now,
                            now.plus(config.sessionTtl()), IdTokenHint.keep(tokens.idToken()));
                }));
    }

    /**
     * Checks a session from a cookie: ended when expired or revoked; refreshed (asynchronously, one
     * refresh shared by parallel requests) when its access token is about to expire. A refresh the
     * issuer refuses, or that cannot reach it, ends the session.
     */
    public CompletableFuture<SessionStatus> resume(Session session) {
        Instant now = clock.instant();
        if (!now.isBefore(session.expiresAt())) {
            return CompletableFuture.completedFuture(new SessionStatus.Ended("session-expired"));
        }
        if (revoked.revoked(session)) {
            return CompletableFuture.completedFuture(new SessionStatus.Ended("session-revoked"));
        }
        if (now.plus(REFRESH_MARGIN).isBefore(session.accessExpiresAt())) {
            return CompletableFuture.completedFuture(new SessionStatus.Active(session, false));
        }
        if (session.refreshToken() == null) {
            // Nothing to refresh with: the session lives on the ID token's word until the session ends.
            return CompletableFuture.completedFuture(new SessionStatus.Active(session, false));
        }
        return refreshes.get(TokenDigest.of(session.refreshToken()), digest -> refresh(session));
    }

    private CompletableFuture<SessionStatus> refresh(Session session) {
        return client.refresh(session.refreshToken())
                .thenCompose(tokens -> {
                    if (tokens.idToken() == null) {
                        return CompletableFuture.completedFuture(
                                session.refreshed(null, tokens.refreshToken(), tokens.accessExpiresAt()));
                    }
                    return idTokens.check(tokens.idToken(), null).thenApply(claims -> {
                        if (!session.subject().equals(claims.getSubject())) {
                            throw new OidcException("refresh-subject-changed");
                        }
                        return session.refreshed(SessionClaims.from(claims), tokens.refreshToken(),
                                tokens.accessExpiresAt(), IdTokenHint.keep(tokens.idToken()));
                    });
                })
                .<SessionStatus>thenApply(fresh -> new SessionStatus.Active(fresh, true))
                .exceptionally(failure -> new SessionStatus.Ended("session-refresh-failed"));
    }

    /** Handles a back-channel logout token; fails with {@link OidcException} when it is not valid. */
    public CompletableFuture<Void> backchannelLogout(String logoutToken) {
        return logoutTokens.check(logoutToken).thenAccept(this::revoke);
    }

    private void revoke(LogoutTokenClaimsSet claims) {
        if (claims.getSessionID() != null) {
            revoked.revokeSid(issuer.id(), claims.getSessionID().getValue());
        } else if (claims.getSubject() != null) {
            revoked.revokeSubject(issuer.id(), claims.getSubject().getValue());
        }
    }

    /** As {@link #logoutRedirect(Session)} for a browser without a session: no {@code id_token_hint}. */
    public CompletableFuture<URI> logoutRedirect() {
        return logoutRedirect(null);
    }

    /**
     * Where the browser goes after its cookies are cleared: the issuer's end-session endpoint (RP-initiated
     * logout) with the ending session's ID token as {@code id_token_hint} (when it kept one and was made
     * at this issuer), our client id and the post-logout redirect; or straight to the post-logout redirect
     * when the issuer has no such endpoint or cannot be reached.
     *
     * @param ending the session being logged out, or null
     */
    public CompletableFuture<URI> logoutRedirect(Session ending) {
        URI after = config.postLogoutRedirect() != null ? config.postLogoutRedirect() : config.externalUrl();
        String hint = ending != null && issuer.id().equals(ending.issuerId()) && issuer.issuer().equals(ending.issuer())
                ? ending.idToken() : null;
        return client.endSessionEndpoint().thenApply(endpoint -> {
            if (endpoint == null) {
                return after;
            }
            String separator = endpoint.getRawQuery() == null ? "?" : "&";
            return URI.create(endpoint + separator + (hint == null ? "" : "id_token_hint=" + encode(hint) + "&")
                    + "client_id=" + encode(client.clientId())
                    + "&post_logout_redirect_uri=" + encode(after.toString()));
        }).exceptionally(failure -> after);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        keys.release();
        scheduler.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
