package io.portcullis.policy;

import io.portcullis.config.Position;
import io.portcullis.policy.criteria.ClaimPath;

/**
 * What an {@code authzen} criterion asks an external PDP, before a request fills it in: the PDP, the
 * action and the resource, whose id may come from the request path or a claim. The access pipeline
 * collects these from a route's policy ({@link Policy#pdpQueries()}) and asks them before the policy is
 * evaluated, so evaluation stays synchronous and free of I/O.
 *
 * @param pdp          the id of the PDP under {@code authzen_pdps}
 * @param pdpPosition  where the id was written, for {@code check}
 * @param action       the AuthZEN {@code action.name}
 * @param resourceType the AuthZEN {@code resource.type}
 * @param resourceId   how {@code resource.id} is found
 */
public record PdpQuery(String pdp, Position pdpPosition, String action, String resourceType, ResourceId resourceId) {

    /** How the resource id is found for a request. */
    public sealed interface ResourceId {

        /** The id for this request, or null when the request does not carry it. */
        String resolve(RequestFacts request, IdentityFacts identity);
    }

    /** The same id for every request. */
    public record Fixed(String value) implements ResourceId {
        @Override
        public String resolve(RequestFacts request, IdentityFacts identity) {
            return value;
        }
    }

    /**
     * The {@code index}-th segment (from 1) of the canonical path: {@code /docs/42/edit} has
     * {@code docs}, {@code 42}, {@code edit}. The path is the one the route matched, so the PDP is asked
     * about exactly what is forwarded.
     */
    public record PathSegment(int index) implements ResourceId {
        @Override
        public String resolve(RequestFacts request, IdentityFacts identity) {
            String path = request.path();
            int start = 1;
            for (int i = 1; i < index; i++) {
                int slash = path.indexOf('/', start);
                if (slash < 0) {
                    return null;
                }
                start = slash + 1;
            }
            int end = path.indexOf('/', start);
            String segment = end < 0 ? path.substring(Math.min(start, path.length())) : path.substring(start, end);
            return segment.isEmpty() ? null : segment;
        }
    }

    /** A claim of the identity; a string or a number, else the id is unknown. */
    public record Claim(ClaimPath claim) implements ResourceId {
        @Override
        public String resolve(RequestFacts request, IdentityFacts identity) {
            Object value = claim.read(identity.claims());
            return value instanceof String || value instanceof Number ? value.toString() : null;
        }
    }

    /** The question for this request, or null when it cannot be asked (anonymous, no resource id). */
    public PdpQuestion question(RequestFacts request, IdentityFacts identity) {
        if (identity == null || identity.subject() == null) {
            return null;
        }
        String id = resourceId.resolve(request, identity);
        return id == null ? null
                : new PdpQuestion(pdp, identity.issuer(), identity.subject(), action, resourceType, id);
    }
}
