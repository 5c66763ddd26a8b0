package io.portcullis.proxy.resource;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.proxy.observe.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RFC 9728 document of one resource: {@code resource}, the {@code authorization_servers} (every
 * issuer that vouches for users: there is no per-route issuer list, a route's policy sees tokens of
 * every such issuer), {@code bearer_methods_supported} ({@code header}: a token in a query or a form
 * body is never read), and, when any of those issuers checks sender constraints, the DPoP algorithms
 * it accepts and whether every one of them requires a bound token; the route's
 * {@code scopes_supported} when it has any.
 */
public final class ProtectedResourceMetadata {

    private ProtectedResourceMetadata() {
    }

    /** The issuers a token for a route may come from: all but those that vouch for devices only. */
    public static List<IssuerConfig> authorizationServers(PortcullisConfig cfg) {
        Set<String> deviceOnly = Set.copyOf(cfg.identity().devicePosture().issuers());
        List<IssuerConfig> out = new ArrayList<>();
        for (IssuerConfig issuer : cfg.identity().issuers()) {
            if (!deviceOnly.contains(issuer.id())) {
                out.add(issuer);
            }
        }
        return out;
    }

    /**
     * The JSON document for {@code resource} (an absolute URI without query or fragment).
     *
     * @param scopes the route's {@code scopes_supported}; empty leaves the member out
     */
    public static String document(PortcullisConfig cfg, String resource, List<String> scopes) {
        List<IssuerConfig> servers = authorizationServers(cfg);
        Set<String> algorithms = new LinkedHashSet<>();
        boolean allRequire = !servers.isEmpty();
        for (IssuerConfig issuer : servers) {
            SenderConstraintConfig sc = issuer.senderConstraint();
            if (sc.mode() != SenderConstraintConfig.Mode.NONE) {
                algorithms.addAll(sc.dpopAlgorithms());
            }
            allRequire &= sc.mode() == SenderConstraintConfig.Mode.REQUIRED;
        }
        StringBuilder sb = new StringBuilder(256).append("{\"resource\":");
        Json.quote(sb, resource).append(",\"authorization_servers\":[");
        for (int i = 0; i < servers.size(); i++) {
            Json.quote(i == 0 ? sb : sb.append(','), servers.get(i).issuer());
        }
        sb.append(']');
        if (!scopes.isEmpty()) {
            sb.append(",\"scopes_supported\":[");
            for (int i = 0; i < scopes.size(); i++) {
                Json.quote(i == 0 ? sb : sb.append(','), scopes.get(i));
            }
            sb.append(']');
        }
        sb.append(",\"bearer_methods_supported\":[\"header\"]");
        if (!algorithms.isEmpty()) {
            sb.append(",\"dpop_signing_alg_values_supported\":[");
            int i = 0;
            for (String alg : algorithms) {
                Json.quote(i++ == 0 ? sb : sb.append(','), alg);
            }
            sb.append(']');
        }
        // RFC 9728 §2: absent means false; said either way so a client need not know the default.
        return sb.append(",\"dpop_bound_access_tokens_required\":").append(allRequire).append('}').toString();
    }
}
