package io.portcullis.proxy.access.authn;

import io.portcullis.policy.IdentityFacts;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.SessionOutcome;
import java.util.concurrent.CompletableFuture;

/**
 * Identity facts given by hand (a policy test case) or verified beforehand ({@code explain}): what
 * lets the offline tools run the proxy's own pipeline without a token. With no facts the request is
 * anonymous with the given reason (the proxy's {@code token-missing}, or why a token was refused).
 */
public final class FactsAuthenticator implements Authenticator {

    private final CompletableFuture<Authentication> answer;

    /** @param facts the verified identity, or null for none */
    public FactsAuthenticator(IdentityFacts facts, String noIdentityReason) {
        this.answer = CompletableFuture.completedFuture(facts == null
                ? Authentication.anonymous(noIdentityReason)
                : new Authentication.Authenticated(null, facts, null, SessionOutcome.NONE, null));
    }

    @Override
    public CompletableFuture<Authentication> authenticate(AccessRequest request) {
        return answer;
    }
}
