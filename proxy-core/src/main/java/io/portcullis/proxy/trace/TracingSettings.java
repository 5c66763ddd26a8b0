package io.portcullis.proxy.trace;

import io.portcullis.config.TracingConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What tracing runs with, from the config's {@code tracing:} section and, for what the file leaves out,
 * the standard {@code OTEL_*} variables; else the defaults: off, {@value #DEFAULT_ENDPOINT}, every trace,
 * service {@value #DEFAULT_SERVICE_NAME}. Read once at start.
 *
 * @param enabled      whether spans are made and exported
 * @param endpoint     the OTLP/HTTP traces URL
 * @param samplerRatio the share of new traces recorded (a trusted caller's sampled flag is followed)
 * @param serviceName  the resource's {@code service.name}
 * @param headers      headers every export carries (a collector's API key); never logged
 */
public record TracingSettings(boolean enabled, URI endpoint, double samplerRatio, String serviceName,
                              Map<String, String> headers) {

    public static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";
    public static final String DEFAULT_SERVICE_NAME = "portcullis";
    /** The path an OTLP/HTTP collector takes traces on, added to a base URL. */
    static final String TRACES_PATH = "/v1/traces";

    public TracingSettings {
        headers = Map.copyOf(headers);
    }

    /** Off: what a config without {@code tracing:} and an environment without {@code OTEL_*} give. */
    public static TracingSettings off() {
        return new TracingSettings(false, URI.create(DEFAULT_ENDPOINT), 1.0, DEFAULT_SERVICE_NAME, Map.of());
    }

    /**
     * The settings for {@code file} in {@code env}.
     *
     * @throws TracingSetupException when an {@code OTEL_*} variable the result depends on is unusable
     */
    public static TracingSettings resolve(TracingConfig file, Map<String, String> env) {
        boolean enabled = file.enabled() != null ? file.enabled() : enabledByEnvironment(env);
        URI endpoint = file.endpoint() != null ? withTracesPath(file.endpoint()) : endpoint(env);
        double ratio = file.samplerRatio() != null ? file.samplerRatio() : ratio(env);
        String serviceName = file.serviceName() != null ? file.serviceName()
                : nonBlank(env.get("OTEL_SERVICE_NAME"), DEFAULT_SERVICE_NAME);
        if (enabled) {
            String variable = present(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"
                    : "OTEL_EXPORTER_OTLP_PROTOCOL";
            String protocol = present(env, variable) ? env.get(variable).trim() : "http/protobuf";
            if (!protocol.equals("http/protobuf")) {
                throw new TracingSetupException(variable + ": '" + protocol
                        + "' is not supported; Portcullis exports http/protobuf (port 4318 on a collector)");
            }
        }
        return new TracingSettings(enabled, endpoint, ratio, serviceName,
                headers(first(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS")));
    }

    /** The endpoint as a log line may show it: no user info, no query. */
    public String endpointForLog() {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
    }

    // The environment turns tracing on only when asked by name: a collector address set for other
    // programs of the same container must not start exports from this one.
    private static boolean enabledByEnvironment(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) {
            return false;
        }
        String exporter = env.get("OTEL_TRACES_EXPORTER");
        if (exporter == null) {
            return false;
        }
        for (String name : exporter.split(",")) {
            if (name.trim().equals("otlp")) {
                return true;
            }
        }
        return false;
    }

    private static URI endpoint(Map<String, String> env) {
        String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.trim());
        }
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base != null && !base.isBlank()) {
            String b = base.trim();
            return url("OTEL_EXPORTER_OTLP_ENDPOINT", (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + TRACES_PATH);
        }
        return URI.create(DEFAULT_ENDPOINT);
    }

    private static URI url(String variable, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new TracingSetupException(variable + ": not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new TracingSetupException(variable + ": expected an http:// or https:// URL with a host");
        }
        return uri;
    }

    /** A file's bare collector address gets the traces path; one with a path is taken as written. */
    static URI withTracesPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + TRACES_PATH) : uri;
    }

    private static double ratio(Map<String, String> env) {
        String sampler = env.get("OTEL_TRACES_SAMPLER");
        if (sampler == null || sampler.isBlank()) {
            return 1.0;
        }
        // Portcullis always follows a trusted caller's decision (parent-based): the parentbased_ and
        // plain names choose the same ratio for new traces.
        return switch (sampler.trim()) {
            case "always_on", "parentbased_always_on" -> 1.0;
            case "always_off", "parentbased_always_off" -> 0.0;
            case "traceidratio", "parentbased_traceidratio" -> samplerArg(env.get("OTEL_TRACES_SAMPLER_ARG"));
            default -> throw new TracingSetupException("OTEL_TRACES_SAMPLER: '" + sampler
                    + "' is not supported; use always_on, always_off, traceidratio or their parentbased_ forms");
        };
    }

    private static double samplerArg(String arg) {
        if (arg == null || arg.isBlank()) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(arg.trim());
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TracingSetupException("OTEL_TRACES_SAMPLER_ARG: expected a number from 0 to 1, got '" + arg + "'");
    }

    /** {@code key=value,key2=value2}, values URL-encoded, as the OTLP exporter spec writes them. */
    static Map<String, String> headers(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // The value may be a secret: the message names the variable, never what it holds.
                throw new TracingSetupException("OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs separated by commas");
            }
            out.put(pair.substring(0, eq).trim(),
                    URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String first(Map<String, String> env, String specific, String general) {
        return present(env, specific) ? env.get(specific).trim()
                : present(env, general) ? env.get(general).trim() : null;
    }

    private static boolean present(Map<String, String> env, String variable) {
        String v = env.get(variable);
        return v != null && !v.isBlank();
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
