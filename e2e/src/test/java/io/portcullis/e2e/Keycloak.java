package io.portcullis.e2e;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running Keycloak as tests use it: its realm's endpoints, and the admin REST API for changing the
 * world (client settings, signing keys, ending a user's sessions).
 */
final class Keycloak implements AutoCloseable {

    private final KeycloakServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean closed = new AtomicBoolean();

    Keycloak(KeycloakServer server) {
        this.server = server;
    }

    String issuer() {
        return server.issuer();
    }

    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token from the password grant of the confidential client (no browser). */
    String passwordGrantAccessToken(String username, String password) {
        Map<String, Object> body = json(post(tokenEndpoint(), null, form(Map.of("grant_type", "password",
                "client_id", "portcullis", "client_secret", "portcullis-secret", "username", username,
                "password", password, "scope", "openid")), "application/x-www-form-urlencoded"));
        return (String) body.get("access_token");
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The token endpoint's raw answer to a form POST, with extra headers (a {@code DPoP} proof): for
     * tests that look at refusals too.
     */
    HttpResponse<String> tokenRequest(Map<String, String> fields, Map<String, String> headers) {
        return formPost(tokenEndpoint(), fields, headers);
    }

    /** The logout endpoint's raw answer: a client ending the session its refresh token belongs to. */
    HttpResponse<String> logoutRequest(Map<String, String> fields) {
        return formPost(issuer() + "/protocol/openid-connect/logout", fields, Map.of());
    }

    private HttpResponse<String> formPost(String url, Map<String, String> fields, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        headers.forEach(request::header);
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("Keycloak request failed: " + e);
        }
    }

    /** An access token from the client credentials grant (a service account). */
    String clientCredentialsToken(String clientId, String secret) {
        return (String) json(post(tokenEndpoint(), null, form(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret)), "application/x-www-form-urlencoded")).get("access_token");
    }

    /**
     * Deletes an SSF stream through the transmitter's management API, as its receiver client: Keycloak
     * allows one stream per receiver, and one left behind would push to a closed port for the rest of
     * the run.
     */
    void deleteSsfStream(String clientId, String secret, String streamId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer() + "/ssf/transmitter/streams?stream_id="
                + URLEncoder.encode(streamId, StandardCharsets.UTF_8))).DELETE();
        send(request, clientCredentialsToken(clientId, secret));
    }

    /**
     * The ids of the receiver client's SSF streams (SSF 1.0: a GET without {@code stream_id} lists them):
     * a test reads the stream another instance created, or deletes one a failed run left behind.
     */
    List<String> ssfStreamIds(String clientId, String secret) {
        String body = send(HttpRequest.newBuilder(URI.create(issuer() + "/ssf/transmitter/streams")).GET(),
                clientCredentialsToken(clientId, secret));
        List<Object> streams = body.trim().startsWith("[") ? jsonArray(body) : List.of(json(body));
        return streams.stream().map(s -> (String) castMap(s).get("stream_id")).toList();
    }

    /** Sets a user's password as an administrator does (Keycloak records it as an admin event). */
    void resetPassword(String username, String password) {
        put(admin("/users/" + userId(username) + "/reset-password"), adminToken(), JSONObjectUtils.toJSONString(
                Map.of("type", "password", "value", password, "temporary", false)));
    }

    /**
     * Makes realm client scopes default scopes of a client. Needed for scopes a feature creates while the
     * realm is imported (SSF's {@code ssf.read}, {@code ssf.manage}): the imported clients do not get them.
     */
    void addDefaultClientScopes(String clientId, String... scopeNames) {
        String token = adminToken();
        String id = (String) castMap(jsonArray(get(admin("/clients?clientId=" + clientId), token)).get(0)).get("id");
        List<Object> scopes = jsonArray(get(admin("/client-scopes"), token));
        for (String name : scopeNames) {
            String scopeId = scopes.stream().map(Keycloak::castMap).filter(s -> name.equals(s.get("name")))
                    .map(s -> (String) s.get("id")).findFirst()
                    .orElseThrow(() -> new AssertionError("realm has no client scope " + name));
            put(admin("/clients/" + id + "/default-client-scopes/" + scopeId), token, "");
        }
    }

    String adminToken() {
        Map<String, Object> body = json(post(server.baseUrl() + "/realms/master/protocol/openid-connect/token", null,
                form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN_USER,
                        "password", KeycloakServer.ADMIN_PASSWORD)), "application/x-www-form-urlencoded"));
        return (String) body.get("access_token");
    }

    private String admin(String path) {
        return server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path;
    }

    String userId(String username) {
        List<Object> users = jsonArray(get(admin("/users?exact=true&username=" + username), adminToken()));
        return (String) ((Map<?, ?>) users.get(0)).get("id");
    }

    /**
     * Changes a client: top-level fields and attributes. GET the whole representation, change, PUT it
     * back (a partial PUT would reset what it leaves out).
     */
    void updateClient(String clientId, Map<String, Object> fields, Map<String, String> attributes) {
        String token = adminToken();
        List<Object> clients = jsonArray(get(admin("/clients?clientId=" + clientId), token));
        Map<String, Object> client = new HashMap<>(castMap(clients.get(0)));
        client.putAll(fields);
        Map<String, Object> current = new HashMap<>(castMap(client.get("attributes")));
        current.putAll(attributes);
        client.put("attributes", current);
        put(admin("/clients/" + client.get("id")), token, JSONObjectUtils.toJSONString(client));
    }

    /** Ends every session of the user, as an administrator would; Keycloak sends back-channel logouts. */
    void logoutUser(String username) {
        logoutUser(userId(username), adminToken());
    }

    /** The same with the user's id and an admin token at hand: only the logout call itself, for timing it. */
    void logoutUser(String userId, String adminToken) {
        post(admin("/users/" + userId + "/logout"), adminToken, "", "application/json");
    }

    /** Adds an RSA signing key with a higher priority than any so far: from now on it signs. */
    void rotateSigningKey(String name, int priority) {
        String token = adminToken();
        Map<String, Object> realm = json(get(admin(""), token));
        String component = JSONObjectUtils.toJSONString(Map.of("name", name, "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realm.get("id"),
                "config", Map.of("priority", List.of(String.valueOf(priority)))));
        post(admin("/components"), token, component, "application/json");
    }

    private String get(String url, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        return send(request, bearer);
    }

    private String post(String url, String bearer, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer);
    }

    private void put(String url, String bearer, String body) {
        send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), bearer);
    }

    private String send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("Keycloak answered " + response.statusCode() + " to " + response.request().uri()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("Keycloak request failed: " + e);
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + text);
        }
    }

    private static List<Object> jsonArray(String text) {
        try {
            return JSONArrayUtils.parse(text);
        } catch (ParseException e) {
            throw new AssertionError("not a JSON array: " + text);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}
