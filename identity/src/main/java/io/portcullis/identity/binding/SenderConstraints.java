package io.portcullis.identity.binding;

import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.replay.ReplayGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every issuer's {@link SenderConstraintCheck}, built once per loaded config; the authenticator looks
 * one up by the verified identity's issuer id. One replay guard and one nonce source serve them all.
 */
public final class SenderConstraints {

    private final Map<String, SenderConstraintCheck> byIssuerId;
    private final DPoPNonceSource nonces;

    private SenderConstraints(Map<String, SenderConstraintCheck> byIssuerId, DPoPNonceSource nonces) {
        this.byIssuerId = Map.copyOf(byIssuerId);
        this.nonces = nonces;
    }

    /**
     * @param nonces where server nonces come from, for issuers with {@code dpop_nonce: true}; keep the
     *               same source across reloads so that clients' nonces stay good
     */
    public static SenderConstraints build(List<IssuerConfig> issuers, ReplayGuard replay, DPoPNonceSource nonces,
            Clock clock) {
        Map<String, SenderConstraintCheck> checks = new LinkedHashMap<>();
        for (IssuerConfig issuer : issuers) {
            DPoPSettings settings = DPoPSettings.of(issuer.senderConstraint(), replay, nonces, clock);
            checks.put(issuer.id(), new SenderConstraintCheck(issuer.senderConstraint(), settings));
        }
        return new SenderConstraints(checks, nonces);
    }

    /** The check for the issuer with config id {@code issuerId}, or null when there is no such issuer. */
    public SenderConstraintCheck forIssuer(String issuerId) {
        return byIssuerId.get(issuerId);
    }

    /** The nonce source, for a {@code DPoP-Nonce} on successful responses too (RFC 9449 §8.2). */
    public DPoPNonceSource nonces() {
        return nonces;
    }
}
