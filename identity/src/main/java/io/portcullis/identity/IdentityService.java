package io.portcullis.identity;

import io.portcullis.config.PortcullisConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The identity stage: validates identity tokens and device-posture tokens against the configured
 * issuers. Never blocks the caller: key fetches are asynchronous and a request needing a key not yet
 * cached waits on a future. Completions may run on an internal thread; callers hop back to their own.
 */
public interface IdentityService extends AutoCloseable {

    /** Validates a bearer token as an identity. */
    CompletableFuture<AuthResult> authenticate(String token);

    /**
     * The answer for a token verified before, from its digest alone, or null when there is none (the
     * default: no cache). An implementation answers only for tokens that were token68 when verified,
     * so a hit needs no syntax check; on a miss the caller checks {@link PresentedToken#isToken68()}
     * and then calls {@link #authenticate(PresentedToken)}.
     */
    default CompletableFuture<AuthResult> cached(PresentedToken token) {
        return null;
    }

    /** Validates a hashed bearer token the caller found to be token68: the answer its text would get. */
    default CompletableFuture<AuthResult> authenticate(PresentedToken token) {
        return authenticate(token.text());
    }

    /**
     * Resolves device posture for an authenticated identity: from the posture token (may be null),
     * else from the identity's posture claim if configured.
     */
    CompletableFuture<PostureResult> posture(String postureToken, Identity identity);

    /**
     * The same answer as {@link #posture(String, Identity)} for the authenticated identity, from the claim
     * posture it carries when there is one and no posture token.
     */
    default CompletableFuture<PostureResult> posture(String postureToken, AuthResult.Authenticated authenticated) {
        return posture(postureToken, authenticated.identity());
    }

    /** Status of every configured issuer. */
    List<IssuerStatus> issuers();

    /** True when every issuer's keys were fetched at least once. */
    default boolean ready() {
        return issuers().stream().allMatch(IssuerStatus::keysLoaded);
    }

    /**
     * Builds the service for a new config, reusing key caches of issuers whose settings did not
     * change, so a reload does not refetch every JWKS.
     */
    IdentityService reconfigure(PortcullisConfig config);

    @Override
    void close();
}
