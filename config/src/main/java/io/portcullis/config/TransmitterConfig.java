package io.portcullis.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One Shared Signals transmitter: who it is, how its SETs are checked, and how they reach Portcullis.
 *
 * @param id                the name used in the push path, logs and metrics
 * @param issuer            the exact {@code iss} of its SETs (and of its SSF configuration metadata)
 * @param metadataUrl       where its {@code ssf-configuration} is; null to derive it from {@code issuer}
 * @param jwksUri           where its signing keys are; null to take {@code jwks_uri} from the metadata
 * @param audiences         a SET's {@code aud} must contain one of these
 * @param algorithms        JWS algorithms accepted (never none or HMAC)
 * @param clockSkew         tolerance for {@code iat} in the future and {@code exp} in the past
 * @param maxAge            a SET issued longer ago than this is refused (and its {@code jti} remembered as long)
 * @param delivery          push (RFC 8935) or poll (RFC 8936)
 * @param pushAuthorization the secret the transmitter presents as {@code Authorization: Bearer ...} on push;
 *                          null for poll
 * @param pushUrl           the public URL of Portcullis's push endpoint for this transmitter, registered when
 *                          Portcullis creates the stream; null when the stream is set up by hand
 * @param pollInterval      the pause between two polls that found nothing more
 * @param pollMaxEvents     {@code maxEvents} asked for per poll
 * @param streamId          an existing stream to use; null to find or create one through the management API
 * @param client            OAuth client credentials for the management API and the poll endpoint; null when
 *                          the stream is managed by hand (push only)
 * @param events            the short names of the event types asked for (e.g. {@code session-revoked})
 */
public record TransmitterConfig(
        String id,
        String issuer,
        URI metadataUrl,
        URI jwksUri,
        List<String> audiences,
        List<String> algorithms,
        Duration clockSkew,
        Duration maxAge,
        Delivery delivery,
        ClientSecret pushAuthorization,
        URI pushUrl,
        Duration pollInterval,
        int pollMaxEvents,
        String streamId,
        StreamClientConfig client,
        List<String> events,
        Position position) {

    /** How SETs travel from the transmitter. */
    public enum Delivery {
        /** RFC 8935: the transmitter POSTs each SET to Portcullis. */
        PUSH,
        /** RFC 8936: Portcullis asks the transmitter for SETs. */
        POLL
    }

    /** The event types Portcullis acts on, asked for when {@code events} is not set. */
    public static final List<String> DEFAULT_EVENTS = List.of("session-revoked", "credential-change",
            "device-compliance-change", "assurance-level-change", "token-claims-change", "account-disabled",
            "account-purged", "credential-compromise", "sessions-revoked", "identifier-changed");

    public TransmitterConfig {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        events = List.copyOf(events);
    }
}
