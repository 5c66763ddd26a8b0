package io.portcullis.proxy;

import io.portcullis.proxy.access.authn.BindingState;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicySet;
import io.portcullis.proxy.access.AccessPipeline;
import io.portcullis.proxy.edge.IdentityHeaderScrubber;
import io.portcullis.proxy.forward.IdentityHeaderRule;
import io.portcullis.proxy.forward.RouteHeaderRules;
import io.portcullis.proxy.routing.Route;
import io.portcullis.proxy.routing.Router;
import io.portcullis.proxy.sso.SsoRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a request needs from the configuration, compiled once and never changed: a reload
 * builds a new one and swaps the reference, so each request sees exactly one consistent config.
 *
 * @param scrubber removes every header a client may never send upstream, in any spelling: every
 *                 route's identity headers (on every route), the posture header, internal names,
 *                 every route's assertion header
 * @param sso      browser login, sessions and identity assertions of this config
 * @param access   the access decision of this config (authenticators, posture, risk, policy, rate limit)
 */
public record RuntimeConfig(
        PortcullisConfig config,
        PolicySet policies,
        Router router,
        IdentityService identity,
        IdentityHeaderScrubber scrubber,
        Instant loadedAt,
        SsoRuntime sso,
        AccessPipeline access) {

    /** Headers only Portcullis itself may set upstream. */
    public static final List<String> INTERNAL_HEADERS = List.of("X-Portcullis-Assertion", "X-Portcullis-Identity");

    /** Compiles a validated config; the policies were compiled by the caller (see {@link ConfigCompiler}). */
    public static RuntimeConfig of(PortcullisConfig config, PolicySet policies, IdentityService identity) {
        return of(config, policies, identity, SsoRuntime.disabled(), BindingState.inMemory(java.time.Clock.systemUTC()));
    }

    /**
     * Like {@link #of(PortcullisConfig, PolicySet, IdentityService)}, with the config's SSO runtime and
     * the sender-constraint state that outlives reloads (seen proofs, the nonce key).
     */
    public static RuntimeConfig of(PortcullisConfig config, PolicySet policies, IdentityService identity,
                                   SsoRuntime sso, BindingState binding) {
        int maxBytes = config.limits().maxIdentityHeaderBytes();
        List<Route> routes = new ArrayList<>();
        for (RouteConfig rc : config.routes()) {
            Policy policy = policies.get(rc.access().policy())
                    .orElseThrow(() -> new IllegalStateException("route " + rc.id() + ": no policy " + rc.access().policy()));
            List<IdentityHeaderRule> rules = new ArrayList<>();
            for (Map.Entry<String, String> e : rc.forwarding().identityHeaders().entrySet()) {
                rules.add(new IdentityHeaderRule(e.getKey(), e.getValue(), maxBytes));
            }
            routes.add(new Route(rc, policy, rules, RouteHeaderRules.of(rc.forwarding().requestHeaders(), maxBytes)));
        }
        List<String> internal = new ArrayList<>(INTERNAL_HEADERS);
        config.routes().stream().map(r -> r.forwarding().assertionHeader()).filter(java.util.Objects::nonNull).forEach(internal::add);
        return new RuntimeConfig(config, policies, new Router(routes), identity,
                IdentityHeaderScrubber.forConfig(config, internal), Instant.now(), sso,
                AccessPipeline.forProxy(config, policies, identity, sso, binding.constraintsFor(config.identity().issuers())));
    }
}
