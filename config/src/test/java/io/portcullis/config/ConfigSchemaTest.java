package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.portcullis.config.yaml.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/portcullis.schema.json is written by hand but cannot drift from the binders: a config that uses
 * every section is bound with key recording on, and for every map the binders read, the keys they know
 * must be exactly the schema's properties there; every map of the schema must be one the binders read.
 * Every example config validates against the schema, as an editor would check it.
 */
class ConfigSchemaTest {

    static final Path SCHEMA = Path.of("..", "docs", "portcullis.schema.json");

    /** Every section and key the binders know, each set once. */
    static final String EVERYTHING = """
            listen: 127.0.0.1:8080
            admin: 127.0.0.1:9901
            trusted_proxies: [10.0.0.0/8]
            mfa_amr_values: [mfa]
            issuers:
              - id: corp
                issuer: https://idp.example.com
                discovery: true
                audiences: [portcullis]
                algorithms: [RS256]
                clock_skew: 30s
                jwks_refresh: 5m
                client_id: portcullis
                client_secret_file: secret.txt
                scopes: [openid]
                introspection: { endpoint: https://idp.example.com/introspect, cache_max: 5m, negative_ttl: 5s }
                sender_constraint: { mode: required, dpop_algorithms: [ES256], dpop_max_age: 60s, dpop_clock_skew: 5s, dpop_nonce: true }
              - id: mdm
                issuer: https://mdm.example.com
                jwks_uri: https://mdm.example.com/jwks
                audiences: [portcullis]
              - id: other
                issuer: https://other.example.com
                jwks_uri: https://other.example.com/jwks
                audiences: [portcullis]
                client_id: other
                client_secret_env: OTHER_SECRET
            device_posture:
              header: X-Device-Posture
              issuers: [mdm]
              bind_claim: sub
              max_age: 15m
              claims_from_identity_token: device
            routes:
              - id: app
                match: { host: app.example.com, path: /x, methods: [GET] }
                upstream: https://app.internal
                policy: users
                shadow_policy: strict
                identity_headers: { X-User: sub }
                request_headers: { set: { X-Role: "{{ claims.role }}" }, remove: [X-Debug] }
                cors_preflight: allow
                pass_authorization: false
                pass_device_posture: false
                timeout: 30s
                max_body_bytes: 1MB
                websocket: true
                websocket_token_expiry: true
                live_expiry: false
                tls: { ca_file: ca.pem, cert_file: cert.pem, key_file: key.pem, server_name: app.internal, insecure_skip_verify: false }
                login: true
                scopes_supported: [orders:read, orders:write]
                assertion_header: X-Assertion
                rate_limit: { per: subject, requests: 10, per_seconds: 1, burst: 20 }
              - id: other
                match: { path_prefix: /p, path_regex: "^/p/.*$" }
                upstream: http://127.0.0.1:9001
                policy: users
            conditions:
              office: { source_ip: { in: [10.0.0.0/8] } }
            policies:
              users:
                description: signed-in users
                allow: { authenticated: true }
                deny: { condition: office }
                require: { mfa: true }
                include: [strict]
                mode: enforce
              strict:
                allow: { authenticated: true }
                mode: shadow
            limits: { max_body_bytes: 1MB, max_header_bytes: 16KB, max_headers: 100, max_identity_header_bytes: 8KB, max_requests_per_connection: 100, max_uri_length: 8KB }
            timeouts: { header_read: 10s, body_read: 30s, idle: 60s, upstream_connect: 5s, upstream_response: 30s }
            tls: { cert_file: cert.pem, key_file: key.pem, min_version: TLSv1.3, client_ca_file: ca.pem, client_auth: optional }
            http2: { cleartext: false }
            shutdown_grace: 10s
            health_path: /.portcullis/healthz
            warmup: { enabled: true, iterations: 500, settle: 10s }
            errors: { templates: ., support_url: https://help.example.com/access }
            sso:
              issuer: corp
              external_url: https://app.example.com
              cookie_name: _portcullis
              session_keys_file: session.key
              session_ttl: 8h
              post_logout_redirect: https://www.example.com
              cookie_secure: true
            assertion: { key_file: assertion.pem, ttl: 30s, issuer: https://app.example.com }
            risk: { history: 30d }
            decision_api:
              listen: 127.0.0.1:9191
              secret_file: secret.txt
              secret_header: X-Caller-Secret
              nginx: { method_header: X-M, uri_header: X-U, host_header: X-H }
              login_url: https://app.example.com/.portcullis/login
              tls:
                cert_file: cert.pem
                key_file: key.pem
                min_version: TLSv1.3
                client_ca_file: ca.pem
                client_auth: optional
              authzen_callers:
                issuers: [corp]
                client_certificate: true
            authzen_pdps:
              docs:
                url: https://pdp.example.com/access/v1/evaluation
                token_file: secret.txt
                timeout: 500ms
                cache: { allow: 30s, deny: 5s }
                subject: { type: identity, id_claim: preferred_username }
              other:
                url: http://127.0.0.1:8181/access/v1/evaluation
                token_env: OTHER_SECRET
              keycloak:
                url: https://sso.example.com/realms/corp/authzen/access/v1/evaluation
                client:
                  token_endpoint: https://sso.example.com/realms/corp/protocol/openid-connect/token
                  client_id: portcullis-pep
                  client_secret_env: OTHER_SECRET
                  scopes: [authzen]
            tracing: { enabled: true, endpoint: "http://otel-collector:4318/v1/traces", sampler_ratio: 0.25, service_name: portcullis-edge }
            state:
              type: redis
              url: rediss://redis.example.com:6380
              username: portcullis
              password_file: secret.txt
              ca_file: ca.pem
              client_cert_file: cert.pem
              client_key_file: key.pem
              database: 1
              key_prefix: "pc:"
              connect_timeout: 2s
              command_timeout: 500ms
            security_events:
              transmitters:
                - id: pushed
                  issuer: https://sso.example.com/realms/corp
                  metadata_url: https://sso.example.com/.well-known/ssf-configuration/realms/corp
                  jwks_uri: https://sso.example.com/jwks
                  audiences: [portcullis-receiver]
                  algorithms: [RS256]
                  clock_skew: 30s
                  max_age: 1h
                  delivery: push
                  push_authorization_file: secret.txt
                  push_url: https://apps.example.com/.portcullis/ssf/push/pushed
                  client:
                    token_endpoint: https://sso.example.com/token
                    client_id: portcullis-receiver
                    client_secret_env: OTHER_SECRET
                    scopes: [ssf.manage]
                  events: [session-revoked]
                - id: polled
                  issuer: https://other.example.com
                  audiences: [portcullis-receiver]
                  delivery: poll
                  poll_interval: 10s
                  poll_max_events: 100
                  stream_id: s-1
                  client:
                    token_endpoint: https://other.example.com/token
                    client_id: portcullis-receiver
                    client_secret_file: secret.txt
            """;

    private static JsonNode schemaTree;
    private static Schema schema;

    @BeforeAll
    static void readSchema() throws Exception {
        String text = Files.readString(SCHEMA);
        schemaTree = JsonMapper.builder().build().readTree(text);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
    }

    static Stream<Path> examples() {
        return Stream.of(Path.of("..", "docs", "examples", "portcullis.yaml"),
                Path.of("..", "deploy", "portcullis", "portcullis.yaml"),
                Path.of("src", "test", "resources", "full-example.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAndNamesTheSchemaForEditors(Path example) throws Exception {
        String yaml = Files.readString(example);
        List<Error> errors = schema.validate(yaml, InputFormat.YAML);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList());
        if (!example.startsWith(Path.of("src"))) {
            Path target = example.getParent().resolve(yaml.lines().findFirst().orElse("")
                    .replace("# yaml-language-server: $schema=", "")).normalize();
            assertEquals(SCHEMA.normalize(), target, "first line of " + example + " must point editors at the schema");
        }
    }

    @Test
    void theSchemaRefusesWhatTheBinderRefuses() {
        assertFalse(schema.validate("routes: [{ id: a, match: {path_prefix: /}, upstream: http://x, policy: p, polcy: q }]\n",
                InputFormat.YAML).isEmpty(), "unknown route key");
        assertFalse(schema.validate("lisen: 127.0.0.1:1\n", InputFormat.YAML).isEmpty(), "unknown top-level key");
        assertFalse(schema.validate("routes: [{ id: a }]\n", InputFormat.YAML).isEmpty(), "route without upstream");
        assertTrue(schema.validate("shutdown_grace: ${GRACE:-10s}\nhttp2:\n  cleartext: ${H2C}\n",
                InputFormat.YAML).isEmpty(), "environment references are accepted anywhere");
    }

    @Test
    void theSchemaHasExactlyTheKeysTheBindersRead(@TempDir Path dir) throws Exception {
        for (String f : List.of("secret.txt", "ca.pem", "cert.pem", "key.pem", "session.key", "assertion.pem")) {
            Files.writeString(dir.resolve(f), "x\n");
        }
        Path file = dir.resolve("everything.yaml");
        Files.writeString(file, EVERYTHING);
        assertEquals(List.of(), schema.validate(EVERYTHING, InputFormat.YAML).stream().map(Error::getMessage).toList());

        Problems problems = Problems.recordingKeys();
        Node root = ConfigLoader.tree(EVERYTHING, file.toString(), Map.of("OTHER_SECRET", "s"), problems);
        ConfigBinder.Bound bound = ConfigBinder.bind(List.of(new SourceFile(file, file.toString(), "", root)),
                Map.of("OTHER_SECRET", "s"), problems);
        problems.throwIfAny(null); // the config of every key must bind; if not, its problems say why
        assertNotNull(bound.config());

        Map<String, Set<String>> inSchema = new TreeMap<>();
        collect(schemaTree, "", inSchema);
        Map<String, Set<String>> read = new TreeMap<>();
        problems.keysAsked().forEach((path, keys) -> {
            JsonNode at = resolve(path);
            assertNotNull(at, "the binders read '" + path + "', which the schema lacks");
            if (at.has("properties")) {
                read.put(schemaPath(path), keys);
            }
        });
        assertEquals(inSchema, read);
    }

    /** Every object schema with named properties, by the binder's path shape ({@code routes[].tls}). */
    private static void collect(JsonNode node, String path, Map<String, Set<String>> out) {
        if (node.has("properties")) {
            out.put(path, new TreeSet<>(node.get("properties").propertyNames()));
            for (String key : node.get("properties").propertyNames()) {
                JsonNode child = node.get("properties").get(key);
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (child.has("items")) {
                    collect(child.get("items"), childPath + "[]", out);
                } else {
                    collect(child, childPath, out);
                }
            }
        }
        JsonNode named = node.get("additionalProperties");
        if (named != null && named.isObject()) {
            collect(named, path + ".*", out);
        }
    }

    /** The schema node the binder path leads to; named-map keys (policy ids) go through additionalProperties. */
    private static JsonNode resolve(String path) {
        JsonNode node = schemaTree;
        if (path.isEmpty()) {
            return node;
        }
        for (String segment : path.split("\\.")) {
            boolean list = segment.endsWith("[]");
            String name = list ? segment.substring(0, segment.length() - 2) : segment;
            JsonNode props = node.get("properties");
            if (props != null && props.has(name)) {
                node = props.get(name);
            } else if (node.get("additionalProperties") != null && node.get("additionalProperties").isObject()) {
                node = node.get("additionalProperties");
            } else {
                return null;
            }
            if (list) {
                node = node.get("items");
            }
        }
        return node;
    }

    /** The binder's path with named-map keys replaced by {@code *}, as {@link #collect} names them. */
    private static String schemaPath(String path) {
        List<String> out = new ArrayList<>();
        JsonNode node = schemaTree;
        for (String segment : path.isEmpty() ? new String[0] : path.split("\\.")) {
            boolean list = segment.endsWith("[]");
            String name = list ? segment.substring(0, segment.length() - 2) : segment;
            JsonNode props = node.get("properties");
            if (props != null && props.has(name)) {
                node = props.get(name);
                out.add(segment);
            } else {
                node = node.get("additionalProperties");
                out.add("*");
            }
            if (list) {
                node = node.get("items");
            }
        }
        return String.join(".", out);
    }
}
