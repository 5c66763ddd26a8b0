package io.portcullis.policy;

/**
 * One question for an external AuthZEN policy decision point, as an {@code authzen} criterion forms it
 * from a request: may this subject do this action on this resource? Also the key its answer is cached
 * and looked up by, so the stage that asks and the criterion that reads can never disagree.
 *
 * @param pdp          the id of the PDP under {@code authzen_pdps}
 * @param issuer       the identity's issuer
 * @param subject      the identity's subject ({@code sub})
 * @param action       the AuthZEN {@code action.name}
 * @param resourceType the AuthZEN {@code resource.type}
 * @param resourceId   the AuthZEN {@code resource.id}, resolved for this request
 */
public record PdpQuestion(String pdp, String issuer, String subject, String action, String resourceType,
                          String resourceId) {
}
