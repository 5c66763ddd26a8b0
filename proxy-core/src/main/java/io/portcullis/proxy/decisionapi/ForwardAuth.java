package io.portcullis.proxy.decisionapi;

import io.portcullis.config.DecisionApiConfig;
import io.portcullis.config.HeaderNames;
import io.portcullis.identity.Identity;
import io.portcullis.policy.RequestHeaders;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessDecision;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessResponse;
import io.portcullis.proxy.access.AccessResponses;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.edge.CanonicalPath;
import io.portcullis.proxy.edge.EdgeReasons;
import io.portcullis.proxy.forward.IdentityHeaderRule;
import io.portcullis.proxy.forward.SetHeaderRule;
import io.portcullis.proxy.resource.ChallengeHeaders;
import io.portcullis.proxy.resource.ResourceMetadataEndpoint;
import io.portcullis.proxy.resource.ResourceMetadataLocation;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.server.ClientAddress;
import io.portcullis.proxy.server.RequestOrigin;
import io.portcullis.proxy.server.TracingMethods;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides a request another proxy describes, exactly as if it had been proxied: the target is
 * canonicalized by {@link CanonicalPath} (ambiguous → 400, nothing decided), routed by the config's
 * {@code Router}, decided by the config's {@code AccessPipeline} and mapped by {@link AccessResponses};
 * only the rendering differs. An allowed answer carries the route's identity headers, rendered by its
 * {@link IdentityHeaderRule}s and its {@code request_headers.set} rules, for the caller to copy upstream. No route is a 403 here (a forward-auth
 * caller understands allow and deny, and deny is the default).
 */
public final class ForwardAuth {

    private final Clock clock;

    public ForwardAuth(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param original  the original request, already known to come from a trusted caller
     * @param headers   the original request's header fields (cookies and Authorization included)
     * @param peer      the caller's address
     * @param requestId the id of this decision
     */
    public CompletableFuture<ForwardAuthAnswer> decide(RuntimeConfig rc, AccessState state, DecisionApiConfig api,
                                                       Flavour flavour, ForwardedRequest original,
                                                       RequestHeaders headers, InetAddress peer, String requestId) {
        InetAddress client = ClientAddress.resolve(peer, rc.config().trustedProxies(), headers.all("X-Forwarded-For"));
        String source = client.getHostAddress();
        String method = original.method();
        if (!HeaderNames.isToken(method)) {
            return now(ForwardAuthAnswer.refused(400, "method-invalid", "-", null, null, source));
        }
        CanonicalPath.Result target = CanonicalPath.parse(original.target(), false);
        if (!(target instanceof CanonicalPath.Canonical canonical) || canonical.absoluteFormAuthority() != null) {
            String reason = target instanceof CanonicalPath.Rejected r ? r.reason() : EdgeReasons.PATH_INVALID_FORM;
            return now(ForwardAuthAnswer.refused(400, reason, "-", method, null, source));
        }
        String path = canonical.path();
        Route route = rc.router().match(original.host(), path, method);
        if (route == null) {
            return now(ForwardAuthAnswer.refused(403, "no-route", "-", method, path, source));
        }
        if (TracingMethods.refused(method, route)) {
            return now(ForwardAuthAnswer.refused(403, "method-not-allowed", route.id(), method, path, source));
        }
        AccessRequest access = new AccessRequest(
                new AccessRequest.Target(route, method, original.host(), path, canonical.rawQuery(),
                        origin(rc, original)), headers,
                new AccessRequest.Peer(peer, client, null), clock.instant(), requestId);
        return rc.access().decide(access, state)
                .thenApply(d -> answer(rc, api, flavour, original, canonical, access, d, source));
    }

    private ForwardAuthAnswer answer(RuntimeConfig rc, DecisionApiConfig api, Flavour flavour, ForwardedRequest original,
                                     CanonicalPath.Canonical canonical, AccessRequest access, AccessDecision d,
                                     String source) {
        AccessResponse r = AccessResponses.of(access, d, api.loginUrl() != null, clock);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String cookie : r.setCookies()) {
            headers.add(Map.entry("Set-Cookie", cookie));
        }
        Route route = access.route();
        int status;
        switch (r.action()) {
            case FORWARD -> {
                status = 200;
                identityHeaders(rc, route, d.verdict().identity(), headers);
                route.headerRules().answer(rc.config().routes(), new SetHeaderRule.Facts(d.verdict().identity(),
                        d.verdict().posture(), access.requestId(), route.id()), headers);
            }
            case LOGIN -> {
                String login = api.loginUrl() + "?rd=" + URLEncoder.encode(
                        original.proto() + "://" + original.host() + canonical.originForm(), StandardCharsets.UTF_8);
                if (flavour.redirects()) {
                    status = 302;
                    headers.add(Map.entry("Location", login));
                } else {
                    status = 401;
                    headers.add(Map.entry(Flavour.LOGIN_HEADER, login));
                }
            }
            default -> {
                status = r.status();
                String metadata = status == 401 ? metadataUrl(rc, original, route) : null;
                // the same fields as the proxy's own answer; the caller passes them on
                headers.addAll(ChallengeHeaders.of(r.wwwAuthenticate(), r.binding(), metadata));
                if (r.retryAfterSeconds() > 0) {
                    headers.add(Map.entry("Retry-After", Long.toString(r.retryAfterSeconds())));
                }
            }
        }
        return new ForwardAuthAnswer(status, headers, route.id(), access.target().method(), access.target().path(),
                source, d.verdict(), r.reasons());
    }

    /**
     * The route's identity headers, and every other route's identity header names with an empty value:
     * the caller copies them over whatever the client sent (as the proxy scrubs every route's identity
     * headers on every route), and a header missing from the answer would leave the client's value or,
     * in Caddy 2.6, the unexpanded placeholder text in place.
     */
    private static void identityHeaders(RuntimeConfig rc, Route route, Identity identity,
                                        List<Map.Entry<String, String>> out) {
        java.util.Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (IdentityHeaderRule rule : route.identityHeaders()) {
            IdentityHeaderRule.Rendered rendered = identity == null ? null : rule.render(identity.claims());
            out.add(Map.entry(rule.header(), rendered == null || rendered.value() == null ? "" : rendered.value()));
            named.add(rule.header());
        }
        for (io.portcullis.config.RouteConfig other : rc.config().routes()) {
            for (String header : other.forwarding().identityHeaders().keySet()) {
                if (named.add(header)) {
                    out.add(Map.entry(header, ""));
                }
            }
        }
    }

    /** Where a 401's client finds the route's RFC 9728 metadata, at the origin its DPoP proofs name; or null. */
    private static String metadataUrl(RuntimeConfig rc, ForwardedRequest original, Route route) {
        return ResourceMetadataEndpoint.enabled(rc.config())
                ? ResourceMetadataLocation.url(origin(rc, original), route.config()) : null;
    }

    private static CompletableFuture<ForwardAuthAnswer> now(ForwardAuthAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /**
     * The scheme and authority a DPoP proof's {@code htu} must name: the configured external URL, else
     * what the trusted caller forwarded (the caller is the client's edge, so its proto and host are the
     * ones the client addressed); null when the caller sent neither.
     */
    private static String origin(RuntimeConfig rc, ForwardedRequest original) {
        String configured = RequestOrigin.configured(rc.config());
        if (configured != null) {
            return configured;
        }
        if (original.proto() == null || original.host() == null) {
            return null;
        }
        return original.proto() + "://" + original.host();
    }
}
