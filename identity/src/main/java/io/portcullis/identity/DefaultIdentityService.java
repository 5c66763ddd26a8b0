package io.portcullis.identity;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.cache.VerifiedTokenKey;
import io.portcullis.identity.cache.VerifiedTokenCache;
import io.portcullis.identity.introspection.Introspector;
import io.portcullis.identity.introspection.JwtShape;
import io.portcullis.identity.jwks.JwksCache;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.identity.posture.PostureResolver;
import io.portcullis.identity.token.IssuerDirectory;
import io.portcullis.identity.token.Role;
import io.portcullis.identity.token.TokenClaims;
import io.portcullis.identity.token.TokenRef;
import io.portcullis.identity.token.TokenVerifier;
import io.portcullis.identity.token.TrustedIssuer;
import io.portcullis.identity.token.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The identity stage backed by Nimbus JOSE+JWT, per-issuer JWKS caches fetched over HTTP, and a
 * verified-token cache. Start with {@link #start(PortcullisConfig, IdentityEvents)}; keys are fetched
 * in the background and requests that need them wait on futures.
 */
public final class DefaultIdentityService implements IdentityService {

    private final PortcullisConfig config;
    private final IdentityEvents events;
    private final IdentitySettings settings;
    private final IdentityRuntime runtime;
    private final IssuerDirectory directory;
    private final TokenVerifier verifier;
    private final VerifiedTokenCache verified;
    private final PostureResolver posture;
    private final Introspector introspector;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultIdentityService(PortcullisConfig config, IdentityEvents events, IdentitySettings settings,
            IdentityRuntime runtime, List<TrustedIssuer> issuers) {
        this.config = config;
        this.events = events;
        this.settings = settings;
        this.runtime = runtime;
        this.directory = new IssuerDirectory(issuers);
        this.verifier = new TokenVerifier(directory, events, settings.clock());
        this.verified = new VerifiedTokenCache(settings.verifiedTokenCacheSize(), settings.clock());
        this.posture = new PostureResolver(config.identity().devicePosture(), verifier, settings.clock());
        List<IssuerConfig> introspecting = config.identity().issuers().stream()
                .filter(i -> i.introspection() != null && !config.isDeviceIssuer(i.id())).toList();
        this.introspector = introspecting.isEmpty() ? null
                : new Introspector(introspecting, new NimbusHttp(runtime.http()), settings.clock());
    }

    /** Starts the service and the first key fetch of every issuer; does not wait for them. */
    public static DefaultIdentityService start(PortcullisConfig config, IdentityEvents events) {
        return start(config, events, IdentitySettings.defaults());
    }

    public static DefaultIdentityService start(PortcullisConfig config, IdentityEvents events,
            IdentitySettings settings) {
        IdentityRuntime runtime = new IdentityRuntime();
        return create(config, events, settings, runtime, List.of());
    }

    /**
     * The service for {@code config} on {@code runtime}, of which it takes over one share. A failure
     * gives back, before it leaves, what this call took: the caches it started or shared and the share of
     * the runtime, whose last share stops its threads. Nobody else could: no service is returned.
     */
    private static DefaultIdentityService create(PortcullisConfig config, IdentityEvents events,
            IdentitySettings settings, IdentityRuntime runtime, List<JwksCache> reusable) {
        List<TrustedIssuer> issuers = new ArrayList<>();
        try {
            for (IssuerConfig issuer : config.identity().issuers()) {
                Role role = config.isDeviceIssuer(issuer.id()) ? Role.DEVICE : Role.IDENTITY;
                JwksCache keys = reusable.stream()
                        .filter(cache -> SameKeySource.test(cache.issuer(), issuer))
                        .findFirst()
                        .map(JwksCache::retain)
                        .orElseGet(() -> {
                            JwksCache fresh = new JwksCache(issuer, runtime.http(), events, settings.clock(),
                                    settings.unknownKidRefetchInterval());
                            fresh.start(runtime.scheduler());
                            return fresh;
                        });
                issuers.add(new TrustedIssuer(issuer, role, keys));
            }
            return new DefaultIdentityService(config, events, settings, runtime, issuers);
        } catch (Throwable e) {
            for (TrustedIssuer issuer : issuers) {
                releaseAfter(e, issuer.keys()::release);
            }
            releaseAfter(e, runtime::release);
            throw e;
        }
    }

    /** Runs {@code release}; a failure of it is added to {@code failure}, which the caller goes on to throw. */
    private static void releaseAfter(Throwable failure, Runnable release) {
        try {
            release.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(String token) {
        if (token == null || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            // Refused by the verifier before any parsing; not worth hashing, never cached.
            return verifier.verify(token, Role.IDENTITY).thenApply(v -> toAuthResult(v, token, null));
        }
        if (introspector != null && !JwtShape.looksLikeJwt(token)) {
            // An opaque token: only its issuer can say what it stands for (cached per token by the introspector).
            return introspector.authenticate(token);
        }
        VerifiedTokenKey key = VerifiedTokenKey.of(token);
        CompletableFuture<AuthResult> hit = lookup(key);
        return hit != null ? hit : verify(token, key);
    }

    @Override
    public CompletableFuture<AuthResult> cached(PresentedToken token) {
        if (bypassesCache(token)) {
            return null;
        }
        CompletableFuture<AuthResult> hit = verified.get(token.key());
        if (hit != null) {
            // A miss is reported by authenticate, which the caller goes on to (or not, for a malformed token).
            events.tokenCache(true);
        }
        return hit;
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(PresentedToken token) {
        if (bypassesCache(token)) {
            return authenticate(token.text());
        }
        // The key was taken on arrival: a hit never builds the token's string.
        CompletableFuture<AuthResult> hit = lookup(token.key());
        return hit != null ? hit : verify(token.text(), token.key());
    }

    /**
     * Whether a presented token skips the digest-keyed cache: too long to be verified at all, or an
     * introspecting issuer may make it an opaque token (the String path tells the two apart).
     */
    private boolean bypassesCache(PresentedToken token) {
        return introspector != null || token.length() > TokenVerifier.MAX_TOKEN_CHARS;
    }

    /** The cached answer or null, reported as a hit or a miss. */
    private CompletableFuture<AuthResult> lookup(VerifiedTokenKey key) {
        CompletableFuture<AuthResult> hit = verified.get(key);
        events.tokenCache(hit != null);
        return hit;
    }

    private CompletableFuture<AuthResult> verify(String token, VerifiedTokenKey key) {
        CompletableFuture<Verification> verification = verifier.verify(token, Role.IDENTITY);
        Verification now = verification.isDone() && !verification.isCompletedExceptionally()
                ? verification.getNow(null) : null;
        // With the keys at hand (nearly always) the answer is made here, without thenApply's future and lambda.
        if (now == null) {
            return verification.thenApply(v -> toAuthResult(v, token, key));
        }
        try {
            return CompletableFuture.completedFuture(toAuthResult(now, token, key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // as thenApply would have answered
        }
    }

    private AuthResult toAuthResult(Verification verification, String token, VerifiedTokenKey key) {
        if (verification instanceof Verification.Refused refused) {
            return new AuthResult.Rejected(refused.reason(), refused.description());
        }
        Verification.Verified ok = (Verification.Verified) verification;
        Objects.requireNonNull(key, "a verified token always has a key");
        TokenClaims claims = ok.claims();
        // The claims map is already immutable and plain: Identity keeps it as it is.
        Identity identity = new Identity(
                ok.issuer().config().id(),
                ok.issuer().config().issuer(),
                claims.subject(),
                claims.asMap(),
                claims.expiresAt(),
                TokenRef.of(claims.jwtId(), key.shortHex()));
        // Resolved once here so that a cached token's requests do not rebuild the claim's device facts.
        AuthResult.Authenticated result = new AuthResult.Authenticated(identity, posture.fromIdentityClaim(identity));
        verified.put(key, token, result);
        return result;
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, Identity identity) {
        return posture.resolve(postureToken, identity);
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, AuthResult.Authenticated authenticated) {
        return posture.resolve(postureToken, authenticated.identity(), authenticated.claimPosture());
    }

    @Override
    public List<IssuerStatus> issuers() {
        return directory.all().stream().map(issuer -> issuer.keys().status()).toList();
    }

    @Override
    public IdentityService reconfigure(PortcullisConfig newConfig) {
        List<JwksCache> current = directory.all().stream().map(TrustedIssuer::keys).toList();
        return create(newConfig, events, settings, runtime.retain(), current);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            directory.all().forEach(issuer -> issuer.keys().release());
            runtime.release();
        }
    }

    /** The config this service was built from. */
    public PortcullisConfig config() {
        return config;
    }
}
