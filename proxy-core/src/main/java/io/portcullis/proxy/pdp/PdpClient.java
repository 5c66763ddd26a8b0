package io.portcullis.proxy.pdp;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.portcullis.config.AuthZenPdpConfig;
import io.portcullis.identity.cache.CachedCalls;
import io.portcullis.identity.events.delivery.AccessTokens;
import io.portcullis.identity.jwks.BoundedJsonBodyHandler;
import io.portcullis.identity.oidc.NimbusHttp;
import io.portcullis.policy.IdentityFacts;
import io.portcullis.policy.PdpQuestion;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One external AuthZEN PDP: asks it, asynchronously (with a fixed bearer token, or an access token by
 * the client credentials grant, reused until shortly before it expires and renewed after a 401), and caches what it answered per question (subject,
 * action, resource): a permit for {@code cache.allow}, a refusal for the shorter {@code cache.deny}.
 * Concurrent requests with the same question share one call. An answer that is late, malformed, an error
 * status or a broken connection completes with null (unavailable) and is not cached, so the next request
 * asks again, even one that arrives the moment it completed ({@link CachedCalls}).
 */
public final class PdpClient {

    private static final Logger LOG = LoggerFactory.getLogger(PdpClient.class);
    /** An evaluation answer is a few bytes; a PDP that sends more is broken. */
    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    /** Distinct questions kept per PDP; the least used go first. */
    private static final long MAX_CACHED = 100_000;
    /** At most one warning per PDP this often, so a PDP that is down cannot flood the log. */
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AuthZenPdpConfig config;
    private final HttpClient http;
    private final CachedCalls<PdpQuestion, Boolean> answers;
    /** The client credentials' access tokens, or null when a fixed token (or none) is sent. */
    private final AccessTokens tokens;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    public PdpClient(AuthZenPdpConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
        this.tokens = config.client() == null ? null
                : new AccessTokens(config.client(), new NimbusHttp(http), Clock.systemUTC());
        long allow = config.cache().allow().toNanos();
        long deny = config.cache().deny().toNanos();
        this.answers = new CachedCalls<>(Caffeine.newBuilder().maximumSize(MAX_CACHED)
                .expireAfter(new Expiry<PdpQuestion, Boolean>() {
                    @Override
                    public long expireAfterCreate(PdpQuestion key, Boolean decision, long now) {
                        return decision ? allow : deny;
                    }

                    @Override
                    public long expireAfterUpdate(PdpQuestion key, Boolean decision, long now, long left) {
                        return decision ? allow : deny;
                    }

                    @Override
                    public long expireAfterRead(PdpQuestion key, Boolean decision, long now, long left) {
                        return left;
                    }
                }).build());
    }

    /** The HTTP client every PDP shares: HTTP/1.1 (no h2c upgrade a PDP might mishandle), no redirects. */
    public static HttpClient sharedHttp() {
        return SharedHttp.CLIENT;
    }

    /**
     * What the PDP answers for {@code question} about {@code identity}: TRUE or FALSE, or null when it gave
     * no usable answer within its time-out. Never completes exceptionally.
     */
    public CompletableFuture<Boolean> decide(PdpQuestion question, IdentityFacts identity) {
        String subjectId = subjectId(identity);
        if (subjectId == null) {
            return CompletableFuture.completedFuture(null);
        }
        // Started on the PDP threads, never the caller's: the HTTP client may resolve the PDP's host name
        // while sending, and the caller may be an event loop.
        return answers.get(question, () -> CompletableFuture.supplyAsync(() -> ask(question, subjectId),
                SharedHttp.THREADS).thenCompose(answer -> answer));
    }

    /** The configured claim's value (a string or number), or null when the identity lacks it. */
    private String subjectId(IdentityFacts identity) {
        String claim = config.subject().idClaim();
        if (claim.equals("sub")) {
            return identity.subject();
        }
        Object value = identity.claim(claim);
        return value instanceof String || value instanceof Number ? value.toString() : null;
    }

    private CompletableFuture<Boolean> ask(PdpQuestion question, String subjectId) {
        CompletableFuture<Boolean> answer;
        try {
            // Marked, so that the warning tells a refused client (wrong secret, disabled client) from a PDP that is down.
            CompletableFuture<String> bearer = tokens != null
                    ? tokens.token().exceptionallyCompose(e -> CompletableFuture.failedFuture(new NoAccessToken(e)))
                    : CompletableFuture.completedFuture(config.token() == null ? null : config.token().value());
            answer = bearer.thenCompose(token -> send(question, subjectId, token)).handle((decision, failure) -> {
                if (failure != null) {
                    warn(failure.getCause() != null ? failure.getCause() : failure);
                    return null;
                }
                return decision;
            });
        } catch (RuntimeException e) {
            warn(e);
            return CompletableFuture.completedFuture(null);
        }
        // The request time-out covers the answer's headers; this bounds the whole exchange, body included.
        return answer.completeOnTimeout(null, config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Boolean> send(PdpQuestion question, String subjectId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EvaluationJson.request(question, config.subject(), subjectId),
                        StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), BoundedJsonBodyHandler.anyStatus(MAX_ANSWER_BYTES)).thenApply(response -> {
            if (response.statusCode() == 401 && tokens != null) {
                // A token the PDP no longer accepts (revoked, keys rotated): the next call gets a new one.
                tokens.invalidate();
            }
            Boolean decision = EvaluationJson.decision(response.statusCode(), response.body());
            if (decision == null) {
                warn("answered HTTP " + response.statusCode() + " without a boolean decision");
            }
            return decision;
        });
    }

    private void warn(Throwable failure) {
        warn(failure instanceof NoAccessToken ? "got no access token from its token endpoint (" + failure.getMessage() + ")"
                : "unreachable (" + failure.getClass().getSimpleName() + ")");
    }

    /** The client credentials grant failed; the message is the token endpoint's refusal code, never a secret. */
    private static final class NoAccessToken extends RuntimeException {
        NoAccessToken(Throwable failure) {
            super(root(failure).getMessage(), null, false, false);
        }

        private static Throwable root(Throwable failure) {
            return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
        }
    }

    private void warn(String what) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("AuthZEN PDP '{}' {}: its criteria are unknown (pdp-unavailable) until it answers",
                    config.id(), what);
        }
    }

    /** Built on first use, so a config without PDPs starts no threads. */
    private static final class SharedHttp {
        static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "portcullis-authzen-pdp");
            t.setDaemon(true);
            return t;
        });
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).executor(THREADS)
                .build();
    }
}
