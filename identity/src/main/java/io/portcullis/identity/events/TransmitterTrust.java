package io.portcullis.identity.events;

import io.portcullis.config.TransmitterConfig;
import java.time.Duration;
import java.util.List;

/**
 * What a SET from one transmitter must satisfy: its issuer, our audiences, the algorithms allowed, and
 * the time window.
 *
 * @param transmitter the configured id, also the replay namespace
 * @param maxAge      how long after {@code iat} a SET is still accepted
 */
public record TransmitterTrust(String transmitter, String issuer, List<String> audiences, List<String> algorithms,
        Duration clockSkew, Duration maxAge) {

    public TransmitterTrust {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
    }

    public static TransmitterTrust of(TransmitterConfig config) {
        return new TransmitterTrust(config.id(), config.issuer(), config.audiences(), config.algorithms(),
                config.clockSkew(), config.maxAge());
    }

    /** How long a {@code jti} must be remembered: as long as its SET could still be accepted. */
    Duration replayWindow() {
        return maxAge.plus(clockSkew).plus(clockSkew);
    }
}
