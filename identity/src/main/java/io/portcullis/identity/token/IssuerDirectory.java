package io.portcullis.identity.token;

import java.util.List;

/**
 * Finds the configured issuer of a token by its exact {@code iss}. An issuer trusted for the other
 * role is reported as such, so a device issuer's token can never pass as an identity (or vice versa).
 */
public final class IssuerDirectory {

    private final List<TrustedIssuer> issuers;

    public IssuerDirectory(List<TrustedIssuer> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    public List<TrustedIssuer> all() {
        return issuers;
    }

    /** The issuer for {@code iss} in {@code role}; null when there is none for that role. */
    public TrustedIssuer find(String iss, Role role) {
        for (TrustedIssuer issuer : issuers) {
            if (issuer.role() == role && issuer.config().issuer().equals(iss)) {
                return issuer;
            }
        }
        return null;
    }

    /** True when {@code iss} is configured, but only for a role other than {@code role}. */
    public boolean knownForOtherRole(String iss, Role role) {
        return issuers.stream().anyMatch(i -> i.role() != role && i.config().issuer().equals(iss));
    }
}
