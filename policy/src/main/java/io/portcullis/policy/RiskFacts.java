package io.portcullis.policy;

/**
 * Risk signals the proxy computed for this request, for the {@code risk} criterion. Without them
 * ({@code PolicyInput.risk() == null}) every risk test is {@link Tri#UNKNOWN}.
 *
 * @param newDevice  the device was not seen before for this user
 * @param newNetwork the source network was not seen before for this user
 * @param score      an overall risk score (higher is riskier), or null when none was computed
 */
public record RiskFacts(boolean newDevice, boolean newNetwork, Integer score) {
}
