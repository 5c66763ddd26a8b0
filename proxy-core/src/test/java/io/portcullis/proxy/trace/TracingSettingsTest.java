package io.portcullis.proxy.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.TracingConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file decides what it says; the OTEL_* variables the rest; else off. */
class TracingSettingsTest {

    private static final TracingConfig UNSET = TracingConfig.unset();

    @Test
    void offByDefaultWithTheDocumentedDefaults() {
        assertEquals(TracingSettings.off(), TracingSettings.resolve(UNSET, Map.of()));
        assertEquals(URI.create("http://localhost:4318/v1/traces"), TracingSettings.off().endpoint());
    }

    @Test
    void theEnvironmentTurnsItOnOnlyWhenAskedByName() {
        assertFalse(TracingSettings.resolve(UNSET, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")).enabled(),
                "a collector address alone, set for other programs, starts nothing");
        TracingSettings s = TracingSettings.resolve(UNSET, Map.of("OTEL_TRACES_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318/", "OTEL_SERVICE_NAME", "edge",
                "OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25",
                "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=a%20b,tenant=t1"));
        assertTrue(s.enabled());
        assertEquals(URI.create("http://c:4318/v1/traces"), s.endpoint());
        assertEquals("edge", s.serviceName());
        assertEquals(0.25, s.samplerRatio());
        assertEquals(Map.of("x-api-key", "a b", "tenant", "t1"), s.headers());
        assertFalse(TracingSettings.resolve(UNSET, Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true"))
                .enabled());
        assertFalse(TracingSettings.resolve(UNSET, Map.of("OTEL_TRACES_EXPORTER", "none")).enabled());
        assertEquals(URI.create("http://t:4318/custom"), TracingSettings.resolve(UNSET,
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://t:4318/custom",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318")).endpoint(), "the traces URL is taken as is");
    }

    @Test
    void theFileWinsOverTheEnvironment() {
        TracingSettings s = TracingSettings.resolve(
                new TracingConfig(false, URI.create("http://file:4318"), 0.5, "from-file"),
                Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318",
                        "OTEL_SERVICE_NAME", "from-env", "OTEL_TRACES_SAMPLER", "always_off"));
        assertFalse(s.enabled());
        assertEquals(URI.create("http://file:4318/v1/traces"), s.endpoint(), "a bare address gets the traces path");
        assertEquals(0.5, s.samplerRatio());
        assertEquals("from-file", s.serviceName());
        assertEquals(URI.create("http://file:4318/otlp/v1/traces"), TracingSettings.resolve(
                new TracingConfig(true, URI.create("http://file:4318/otlp/v1/traces"), null, null), Map.of()).endpoint());
    }

    @Test
    void unusableVariablesStopTheStartAndNameTheVariableNotTheSecret() {
        assertEquals("OTEL_TRACES_SAMPLER_ARG: expected a number from 0 to 1, got '2'",
                assertThrows(TracingSetupException.class, () -> TracingSettings.resolve(UNSET,
                        Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "2"))).getMessage());
        assertThrows(TracingSetupException.class,
                () -> TracingSettings.resolve(UNSET, Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote")));
        assertThrows(TracingSetupException.class,
                () -> TracingSettings.resolve(UNSET, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")));
        String message = assertThrows(TracingSetupException.class, () -> TracingSettings.resolve(UNSET,
                Map.of("OTEL_EXPORTER_OTLP_HEADERS", "Authorization Basic c2VjcmV0"))).getMessage();
        assertFalse(message.contains("c2VjcmV0"), message);
        assertTrue(assertThrows(TracingSetupException.class, () -> TracingSettings.resolve(
                new TracingConfig(true, null, null, null), Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .getMessage().startsWith("OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' is not supported"));
        assertTrue(TracingSettings.resolve(new TracingConfig(true, null, null, null),
                Map.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))
                .enabled(), "the traces variable wins over the general one");
    }

    @Test
    void theLoggedEndpointHasNoUserInfo() {
        TracingSettings s = TracingSettings.resolve(UNSET,
                Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://user:pw@c.example:4318/v1/traces"));
        assertEquals("https://c.example:4318/v1/traces", s.endpointForLog());
    }
}
