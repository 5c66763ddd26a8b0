package io.portcullis.identity.events.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ClientSecret;
import io.portcullis.config.StreamClientConfig;
import io.portcullis.config.TransmitterConfig;
import io.portcullis.config.TransmitterConfig.Delivery;
import io.portcullis.identity.events.SsfBed;
import io.portcullis.identity.oidc.NimbusHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Discovery of {@code ssf-configuration} in both places transmitters serve it, and the stream
 * management API with OAuth client credentials, against a real transmitter.
 */
class StreamManagementTest {

    private static StreamClient client(SsfBed bed, TransmitterConfig config) {
        AccessTokens tokens = config.client() == null ? null
                : new AccessTokens(config.client(), new NimbusHttp(bed.http), Clock.systemUTC());
        return new StreamClient(config, bed.http, Duration.ofSeconds(10), tokens);
    }

    private static String failureCode(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return SsfException.codeOf(e);
    }

    @Test
    void metadataIsFoundWhereSsfPutsItAndCreatesGetsAndReadsStatus() {
        try (SsfBed bed = new SsfBed("/realms/corp", false)) {
            StreamClient streams = client(bed, bed.config(Delivery.PUSH, URI.create("https://proxy.example/.portcullis/ssf/push/corp"), null));
            SsfMetadata metadata = SsfBed.await(streams.discover());
            assertEquals(bed.transmitter.issuer(), metadata.issuer());
            assertEquals(URI.create(bed.transmitter.issuer() + "/jwks.json"), metadata.jwksUri());
            assertTrue(metadata.deliveryMethods().contains(StreamConfig.PUSH));

            StreamConfig created = SsfBed.await(streams.create(metadata));
            assertEquals(StreamConfig.PUSH, created.deliveryMethod());
            assertEquals(URI.create("https://proxy.example/.portcullis/ssf/push/corp"), created.endpointUrl());
            assertEquals(created, SsfBed.await(streams.get(metadata, created.streamId())));
            assertEquals("enabled", SsfBed.await(streams.status(metadata, created.streamId())));
            bed.transmitter.status("paused");
            assertEquals("paused", SsfBed.await(streams.status(metadata, created.streamId())));
            assertEquals("http-404", failureCode(streams.get(metadata, "no-such-stream")));
            // One stream per receiver at this transmitter, as SSF 1.0 allows it to insist.
            assertEquals("http-409", failureCode(streams.create(metadata)));
        }
    }

    @Test
    void metadataAppendedToTheIssuerPathIsFoundToo() {
        try (SsfBed bed = new SsfBed("/tenant-a", true)) {
            SsfMetadata metadata = SsfBed.await(client(bed, bed.config(Delivery.POLL, null, null)).discover());
            assertEquals(bed.transmitter.issuer(), metadata.issuer());
        }
    }

    @Test
    void metadataOfAnotherIssuerIsRefused() {
        try (SsfBed bed = new SsfBed("/realms/corp", false)) {
            TransmitterConfig real = bed.config(Delivery.POLL, null, null);
            // The configured issuer says /realms/other, but the metadata URL points at /realms/corp's document.
            TransmitterConfig impostor = new TransmitterConfig("corp", real.issuer().replace("corp", "other"),
                    bed.transmitter.metadataUrl(), null, real.audiences(), real.algorithms(), real.clockSkew(),
                    real.maxAge(), real.delivery(), null, null, real.pollInterval(), real.pollMaxEvents(), null,
                    real.client(), real.events(), real.position());
            assertEquals("metadata-issuer-mismatch", failureCode(client(bed, impostor).discover()));
        }
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        try (SsfBed bed = new SsfBed()) {
            TransmitterConfig real = bed.config(Delivery.POLL, null, null);
            StreamClientConfig wrong = new StreamClientConfig(real.client().tokenEndpoint(), real.client().clientId(),
                    new ClientSecret("not-the-secret", "env:TEST"), List.of());
            AccessTokens tokens = new AccessTokens(wrong, new NimbusHttp(bed.http), Clock.systemUTC());
            assertEquals("token-invalid_client", failureCode(tokens.token()));
            StreamClient streams = new StreamClient(real, bed.http, Duration.ofSeconds(10), tokens);
            SsfMetadata metadata = SsfBed.await(streams.discover());
            assertEquals("token-invalid_client", failureCode(streams.create(metadata)));
            assertEquals(null, bed.transmitter.stream(), "no stream was created");
        }
    }

    @Test
    void candidateMetadataUrls() {
        assertEquals(List.of(URI.create("https://kc.example/.well-known/ssf-configuration/realms/corp"),
                        URI.create("https://kc.example/realms/corp/.well-known/ssf-configuration")),
                SsfMetadata.candidateUrls("https://kc.example/realms/corp"));
        assertEquals(List.of(URI.create("https://corp.okta.com/.well-known/ssf-configuration")),
                SsfMetadata.candidateUrls("https://corp.okta.com"));
        assertEquals(List.of(URI.create("https://corp.okta.com/.well-known/ssf-configuration")),
                SsfMetadata.candidateUrls("https://corp.okta.com/"));
    }
}
