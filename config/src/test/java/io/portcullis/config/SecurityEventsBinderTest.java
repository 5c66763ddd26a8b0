package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.TransmitterConfig.Delivery;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code security_events}: push and poll transmitters bind; secrets never inline; mistakes at their place. */
class SecurityEventsBinderTest {

    @TempDir
    Path dir;

    @Test
    void absentSectionMeansNoTransmitters() throws Exception {
        assertTrue(ConfigLoader.parse(ConfigLoaderErrorsTest.BASE, "c.yaml").securityEvents().transmitters().isEmpty());
    }

    @Test
    void pushAndPollTransmittersBind() throws Exception {
        Path push = secret("push.secret", "s3cret-push\n");
        Path client = secret("client.secret", "s3cret-client");
        String yaml = ConfigLoaderErrorsTest.BASE + """
                security_events:
                  transmitters:
                    - id: kc
                      issuer: https://kc.example.com/realms/corp
                      audiences: [https://proxy.example.com]
                      delivery: push
                      push_authorization_file: %s
                      push_url: https://proxy.example.com/.portcullis/ssf/push/kc
                      client:
                        token_endpoint: https://kc.example.com/realms/corp/protocol/openid-connect/token
                        client_id: portcullis-receiver
                        client_secret_file: %s
                        scopes: [ssf.manage, ssf.read]
                    - id: okta
                      issuer: https://corp.okta.com
                      metadata_url: https://corp.okta.com/.well-known/ssf-configuration
                      audiences: [portcullis]
                      algorithms: [RS256, ES256]
                      delivery: poll
                      poll_interval: 30s
                      max_age: 2h
                      events: [session-revoked]
                      client:
                        token_endpoint: https://corp.okta.com/oauth2/v1/token
                        client_id: portcullis
                        client_secret_file: %s
                """.formatted(push, client, client);

        SecurityEventsConfig events = ConfigLoader.parse(yaml, "c.yaml").securityEvents();

        TransmitterConfig kc = events.transmitter("kc").orElseThrow();
        assertEquals(Delivery.PUSH, kc.delivery());
        assertEquals("s3cret-push", kc.pushAuthorization().value());
        assertFalse(kc.pushAuthorization().toString().contains("s3cret"));
        assertEquals(URI.create("https://proxy.example.com/.portcullis/ssf/push/kc"), kc.pushUrl());
        assertEquals(List.of("ssf.manage", "ssf.read"), kc.client().scopes());
        assertEquals(Duration.ofHours(1), kc.maxAge());
        assertEquals(TransmitterConfig.DEFAULT_EVENTS, kc.events());
        assertNull(kc.metadataUrl());
        TransmitterConfig okta = events.transmitter("okta").orElseThrow();
        assertEquals(Delivery.POLL, okta.delivery());
        assertNull(okta.pushAuthorization());
        assertEquals(Duration.ofSeconds(30), okta.pollInterval());
        assertEquals(List.of("RS256", "ES256"), okta.algorithms());
        assertEquals(List.of("session-revoked"), okta.events());
        assertEquals(Duration.ofHours(2), okta.maxAge());
    }

    @Test
    void eachMistakeIsAProblemAtItsPlace() throws Exception {
        Path push = secret("push.secret", "x");
        assertProblem(KC + """
                      delivery: push
                """, "security_events.transmitters[0].push_authorization_file: delivery: push needs");
        assertProblem(KC + """
                      delivery: poll
                """, "security_events.transmitters[0].client: delivery: poll needs client");
        Path clientSecret = secret("client.secret", "x");
        assertProblem(KC + """
                      delivery: push
                      push_authorization_file: %s
                      client:
                        token_endpoint: https://kc.example.com/token
                        client_id: portcullis
                        client_secret_file: %s
                """.formatted(push, clientSecret), "security_events.transmitters[0].push_url: is required to create a push stream");
        assertProblem(KC + """
                      delivery: carrier-pigeon
                      push_authorization_file: %s
                """.formatted(push), "security_events.transmitters[0].delivery: expected push or poll");
        assertProblem(KC + """
                      delivery: push
                      algorithms: [HS256]
                      push_authorization_file: %s
                """.formatted(push), "security_events.transmitters[0].algorithms[0]: HMAC algorithm");
        assertProblem(KC + """
                      delivery: push
                      events: [session-revokd]
                      push_authorization_file: %s
                """.formatted(push), "security_events.transmitters[0].events[0]: unknown event 'session-revokd'");
        assertProblem(KC + """
                      delivery: push
                      push_authorization_env: PORTCULLIS_TEST_UNSET_VARIABLE
                """, "environment variable PORTCULLIS_TEST_UNSET_VARIABLE is not set");
        assertProblem(KC + """
                      delivery: push
                      push_authorization_file: %s
                    - id: kc
                      issuer: https://other.example.com
                      audiences: [p]
                      delivery: push
                      push_authorization_file: %s
                """.formatted(push, push), "duplicate transmitter id 'kc'");
    }

    /** The start of a transmitter entry every case below shares. */
    private static final String KC = """
                - id: kc
                  issuer: https://kc.example.com
                  audiences: [p]
            """;

    private void assertProblem(String transmitters, String expected) {
        String yaml = ConfigLoaderErrorsTest.BASE + "security_events:\n  transmitters:\n" + transmitters;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "c.yaml"));
        List<String> problems = e.problems().stream().map(ConfigProblem::format).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
        assertTrue(problems.get(0).startsWith("c.yaml:"), problems.get(0));
    }

    private Path secret(String name, String value) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, value);
        return file;
    }
}
