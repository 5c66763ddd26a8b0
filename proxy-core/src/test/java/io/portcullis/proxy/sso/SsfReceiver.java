package io.portcullis.proxy.sso;

import io.portcullis.fixtures.EmbeddedTransmitter;
import io.portcullis.fixtures.ScratchDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * An in-process Shared Signals transmitter and the {@code security_events} section that makes a
 * Portcullis its receiver: the stream is created by Portcullis through the transmitter's management
 * API (client credentials from a file), delivered by push to the proxy's reserved path or by poll.
 */
final class SsfReceiver implements AutoCloseable {

    static final String TRANSMITTER_ID = "idp";
    static final String CLIENT_ID = "portcullis-receiver";
    static final String PUSH_SECRET = "push-secret-0123456789";

    final EmbeddedTransmitter transmitter = EmbeddedTransmitter.start("/realms/corp", false, CLIENT_ID, "tx-secret");
    private final ScratchDirectory dir = ScratchDirectory.create("portcullis-ssf");

    SsfReceiver() throws IOException {
        Files.writeString(dir.resolve("push.secret"), PUSH_SECRET + "\n");
        Files.writeString(dir.resolve("client.secret"), "tx-secret\n");
    }

    /** The {@code security_events} section, push or poll; {@code ${PORT}} is the proxy's own port. */
    String section(boolean push) {
        String delivery = push ? """
                      delivery: push
                      push_authorization_file: %s
                      push_url: http://127.0.0.1:${PORT}/.portcullis/ssf/push/idp
                """.formatted(dir.resolve("push.secret")) : """
                      delivery: poll
                      poll_interval: 1s
                """;
        return """
                security_events:
                  transmitters:
                    - id: idp
                      issuer: %s
                      metadata_url: %s
                      audiences: [%s]
                      algorithms: [RS256]
                %s      client:
                        token_endpoint: %s
                        client_id: %s
                        client_secret_file: %s
                """.formatted(transmitter.issuer(), transmitter.metadataUrl(), CLIENT_ID, delivery,
                transmitter.tokenEndpoint(), CLIENT_ID, dir.resolve("client.secret"));
    }

    /** A CAEP session-revoked SET naming the user at {@code iss} and the session {@code sid}. */
    String sessionRevoked(String iss, String sub, String sid) {
        return transmitter.set(CLIENT_ID, "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
                Map.of("event_timestamp", java.time.Instant.now().getEpochSecond()),
                Map.of("format", "complex",
                        "user", Map.of("format", "iss_sub", "iss", iss, "sub", sub),
                        "session", Map.of("format", "opaque", "id", sid))).sign();
    }

    /** A CAEP credential-change SET for the user at {@code iss}: all of the user's sessions end. */
    String credentialChange(String iss, String sub) {
        return transmitter.set(CLIENT_ID, "https://schemas.openid.net/secevent/caep/event-type/credential-change",
                Map.of("credential_type", "password", "change_type", "update"),
                Map.of("format", "iss_sub", "iss", iss, "sub", sub)).sign();
    }

    @Override
    public void close() {
        transmitter.close();
        dir.close();
    }
}
