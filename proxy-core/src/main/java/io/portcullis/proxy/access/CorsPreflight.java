package io.portcullis.proxy.access;

import io.portcullis.config.HeaderNames;
import io.portcullis.proxy.auth.Verdict;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A CORS preflight on a route with {@code cors_preflight: allow} goes upstream without a credential,
 * as oauth2-proxy's {@code --skip-auth-preflight} and Pomerium's {@code cors_allow_preflight} do: a
 * browser never attaches credentials to a preflight, so requiring one would break every cross-origin
 * call to the route. Only a real preflight qualifies (Fetch standard: {@code OPTIONS} with one
 * {@code Origin} and one {@code Access-Control-Request-Method} naming a method); any other
 * {@code OPTIONS} is authenticated like every request. What passes is the question, never the
 * answer: the actual request that follows is decided by the policy as usual.
 */
public final class CorsPreflight {

    /** The reason code of the decision line and metrics. */
    public static final String REASON = "cors-preflight";

    /** The shared decision: forwarded, with no identity and no policy decision. */
    static final CompletableFuture<AccessDecision> FORWARD_NOW = CompletableFuture.completedFuture(AccessDecision.of(
            new Verdict(Verdict.Kind.FORWARD, List.of(REASON), null, null, null, null)));

    private CorsPreflight() {
    }

    /** Whether {@code request} is a preflight its route lets through unauthenticated. */
    static boolean passes(AccessRequest request) {
        return request.route().config().access().corsPreflight() && isPreflight(request);
    }

    /** Whether {@code request} is a CORS preflight by the Fetch standard's definition. */
    static boolean isPreflight(AccessRequest request) {
        if (!"OPTIONS".equals(request.target().method())) {
            return false;
        }
        List<String> origin = request.headers().all("Origin");
        List<String> method = request.headers().all("Access-Control-Request-Method");
        return origin.size() == 1 && !origin.get(0).isBlank()
                && method.size() == 1 && HeaderNames.isToken(method.get(0));
    }
}
