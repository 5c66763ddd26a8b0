package io.portcullis.policy.criteria;

import io.portcullis.policy.IdentityFacts;

/**
 * Reads the {@code email} claim strictly: exactly one '@', a non-empty local part, a domain of
 * non-empty labels, no whitespace. An address the IdP marks {@code email_verified: false} is not
 * trusted. Either way the criteria see null, i.e. UNKNOWN.
 */
final class EmailClaim {

    private EmailClaim() {
    }

    /** The address, or null when missing, malformed or explicitly unverified. */
    static String read(IdentityFacts identity) {
        if (Boolean.FALSE.equals(identity.claim("email_verified"))) {
            return null;
        }
        return identity.claim("email") instanceof String email && wellFormed(email) ? email : null;
    }

    /** Index of the first domain character of a well-formed address. */
    static int domainStart(String email) {
        return email.indexOf('@') + 1;
    }

    static boolean wellFormed(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c == 0x7F) {
                return false;
            }
            if (i > at && c == '.' && previous == '.') {
                return false;
            }
            previous = i > at ? c : '.';
        }
        return previous != '.';
    }
}
