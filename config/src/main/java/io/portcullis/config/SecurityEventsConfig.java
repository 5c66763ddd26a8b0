package io.portcullis.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code security_events} section: the Shared Signals transmitters (an IdP, an MDM) whose security
 * events (RFC 8417 SETs: CAEP, RISC) Portcullis receives and acts on.
 *
 * @param transmitters every transmitter, in file order; empty when the section is absent
 */
public record SecurityEventsConfig(List<TransmitterConfig> transmitters) {

    public SecurityEventsConfig {
        transmitters = List.copyOf(transmitters);
    }

    /** No transmitters: security events are off. */
    public static SecurityEventsConfig none() {
        return new SecurityEventsConfig(List.of());
    }

    public Optional<TransmitterConfig> transmitter(String id) {
        return transmitters.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
