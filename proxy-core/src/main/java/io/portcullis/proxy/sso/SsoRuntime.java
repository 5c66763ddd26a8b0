package io.portcullis.proxy.sso;

import io.portcullis.config.AssertionConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SsoConfig;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.assertion.AssertionSigner;
import io.portcullis.identity.oidc.RevokedSessions;
import io.portcullis.identity.oidc.SessionKeys;
import io.portcullis.identity.oidc.SsoService;
import io.portcullis.identity.revocation.Revocations;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The single-sign-on and assertion parts of one running config: the {@link SsoService} (null when
 * {@code sso} is off), the session cookies, and the {@link AssertionSigner} (null when
 * {@code assertion} is off). Back-channel logouts are kept across reloads, so a reload never revives
 * a revoked session.
 */
public final class SsoRuntime implements AutoCloseable {

    /** How long a replaced runtime keeps serving requests that started before a reload. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(60);

    private final SsoConfig ssoConfig;
    private final IssuerConfig issuerConfig;
    private final AssertionConfig assertionConfig;
    private final SsoService service;
    private final SsoCookies cookies;
    private final AssertionSigner signer;
    private final RevokedSessions revoked;
    private final IdentityEvents events;
    private final Clock clock;

    private SsoRuntime(SsoConfig ssoConfig, IssuerConfig issuerConfig, AssertionConfig assertionConfig,
                       RevokedSessions revoked, IdentityEvents events, Clock clock) {
        this.ssoConfig = ssoConfig;
        this.events = events;
        this.assertionConfig = assertionConfig;
        this.clock = clock;
        this.issuerConfig = issuerConfig;
        this.revoked = revoked != null ? revoked
                : new RevokedSessions(ssoConfig == null ? Duration.ofHours(12) : ssoConfig.sessionTtl(), clock);
        this.signer = assertionConfig == null ? null : AssertionSigner.load(assertionConfig, clock);
        if (ssoConfig == null) {
            this.service = null;
            this.cookies = null;
        } else {
            SessionKeys keys = SessionKeys.read(ssoConfig.sessionKeyFiles());
            this.service = SsoService.start(ssoConfig, issuerConfig, keys, this.revoked, events, clock);
            this.cookies = new SsoCookies(ssoConfig.cookieName(), ssoConfig.secureCookie());
        }
    }

    /**
     * Starts what the config asks for. Fails with an {@link IllegalArgumentException} naming the file
     * when a session or assertion key cannot be used.
     */
    public static SsoRuntime start(PortcullisConfig config, Clock clock) {
        return start(config, IdentityEvents.NONE, clock);
    }

    /**
     * As above, reporting the login issuer's JWKS fetches to {@code events} (the metrics), under that
     * issuer's id as the bearer issuers' key caches do; a reloaded runtime keeps reporting there.
     */
    public static SsoRuntime start(PortcullisConfig config, IdentityEvents events, Clock clock) {
        return new SsoRuntime(config.sso(), ssoIssuer(config), config.assertion(), null, events, clock);
    }

    /**
     * As above, with logouts written to and read from {@code revocations} (the state store's), so a
     * logout taken by one replica ends the session on every replica.
     */
    public static SsoRuntime start(PortcullisConfig config, IdentityEvents events, Revocations revocations,
                                   Clock clock) {
        Duration ttl = config.sso() == null ? Duration.ofHours(12) : config.sso().sessionTtl();
        return new SsoRuntime(config.sso(), ssoIssuer(config), config.assertion(),
                new RevokedSessions(revocations, ttl, clock), events, clock);
    }

    private static IssuerConfig ssoIssuer(PortcullisConfig config) {
        return config.sso() == null ? null : config.issuer(config.sso().issuerId()).orElseThrow();
    }

    /** Nothing enabled: what a config without {@code sso} and {@code assertion} runs with. */
    public static SsoRuntime disabled() {
        return new SsoRuntime(null, null, null, null, IdentityEvents.NONE, Clock.systemUTC());
    }

    /**
     * The runtime for a reloaded config: this one when nothing it depends on changed, else a new one
     * sharing the revoked sessions. This one stays open: the caller {@link #retire()}s it once the new
     * one is in use, or closes the new one when the reload fails after all.
     */
    public SsoRuntime reconfigure(PortcullisConfig next) {
        IssuerConfig nextIssuer = ssoIssuer(next);
        if (Objects.equals(next.sso(), ssoConfig) && Objects.equals(nextIssuer, issuerConfig)
                && Objects.equals(next.assertion(), assertionConfig)) {
            return this;
        }
        return new SsoRuntime(next.sso(), nextIssuer, next.assertion(), revoked, events, clock);
    }

    /** Closes this runtime once requests that started before it was replaced are done with it. */
    public void retire() {
        CompletableFuture.delayedExecutor(RETIRE_AFTER.toSeconds(), TimeUnit.SECONDS).execute(this::close);
    }

    /** The SSO service, or null when login is off. */
    public SsoService service() {
        return service;
    }

    /** The session cookies, or null when login is off. */
    public SsoCookies cookies() {
        return cookies;
    }

    /** The assertion signer, or null when assertions are off. */
    public AssertionSigner signer() {
        return signer;
    }

    public boolean loginEnabled() {
        return service != null;
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
    }
}
