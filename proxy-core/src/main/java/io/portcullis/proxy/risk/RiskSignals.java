package io.portcullis.proxy.risk;

import io.portcullis.policy.RiskFacts;
import java.net.InetAddress;

/**
 * Where the authorization stage gets risk facts for a request, and tells what was allowed. A device
 * or network only becomes known once a request from it was allowed, so a stolen token used from a
 * new place stays "new" until a policy lets it through (for instance after a step-up).
 */
public interface RiskSignals {

    /** No risk signals: the policy sees no {@code RiskFacts} and every {@code risk} test is UNKNOWN. */
    RiskSignals NONE = new RiskSignals() {
        @Override
        public RiskFacts assess(String issuer, String subject, String deviceId, InetAddress source) {
            return null;
        }

        @Override
        public void allowed(String issuer, String subject, String deviceId, InetAddress source) {
        }
    };

    /** The risk facts for a request of this subject, or null when none are computed. */
    RiskFacts assess(String issuer, String subject, String deviceId, InetAddress source);

    /** Records that a request from this device and network was allowed for the subject. */
    void allowed(String issuer, String subject, String deviceId, InetAddress source);
}
