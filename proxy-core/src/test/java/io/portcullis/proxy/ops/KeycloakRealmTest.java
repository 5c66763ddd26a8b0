package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corp realm Keycloak imports (compose and end-to-end tests): the users, groups, clients and
 * protocol mappers the rest of the project relies on, and the Keycloak import pitfalls avoided
 * (see shared/notes/identity-providers.md, "Keycloak gotchas").
 */
class KeycloakRealmTest {

    static final String REALM_FILE = "src-test-fixtures/src/main/resources/keycloak/corp-realm.json";

    private final Map<String, Object> realm = JsonFiles.loadFile(REALM_FILE);

    private Map<String, Object> named(String listKey, String nameKey, String name) {
        return JsonFiles.objects(realm.get(listKey), listKey).stream()
                .filter(o -> name.equals(o.get(nameKey))).findFirst()
                .orElseThrow(() -> new AssertionError(listKey + " has no " + nameKey + "=" + name));
    }

    private Map<String, Object> user(String name) {
        return named("users", "username", name);
    }

    private Map<String, Object> client(String id) {
        return named("clients", "clientId", id);
    }

    private static Map<String, Map<String, Object>> mappersByName(Map<String, Object> client) {
        return JsonFiles.objects(client.get("protocolMappers"), "protocolMappers").stream()
                .collect(Collectors.toMap(m -> (String) m.get("name"), m -> m));
    }

    @Test
    void isTheCorpRealmWithAdminsAndStaff() {
        assertEquals("corp", realm.get("realm"));
        assertEquals(true, realm.get("enabled"));
        Set<Object> groups = JsonFiles.objects(realm.get("groups"), "groups").stream().map(g -> g.get("name"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("admins", "staff"), groups);
    }

    @Test
    void usersHaveTheirGroupsDeviceAttributesAndACompleteProfile() {
        record Expect(String user, String group, String compliant, String patchAge) {
        }
        for (Expect e : List.of(new Expect("alice", "/admins", "true", "3"), new Expect("bob", "/staff", "false", "45"),
                new Expect("carol", "/admins", "true", "3"))) {
            Map<String, Object> u = user(e.user());
            assertEquals(true, u.get("enabled"), e.user());
            assertEquals(List.of(e.group()), u.get("groups"), e.user());
            assertEquals(List.of(e.compliant()), Yamls.at(u, "attributes", "device_compliant"), e.user());
            assertEquals(List.of(e.patchAge()), Yamls.at(u, "attributes", "device_patch_age_days"), e.user());
            // Without email, first and last name Keycloak refuses the login ("Account is not fully set up").
            for (String field : List.of("email", "firstName", "lastName")) {
                assertFalse(Yamls.string(u.get(field), e.user() + "." + field).isBlank(), e.user() + "." + field);
            }
            Map<String, Object> password = JsonFiles.objects(u.get("credentials"), "credentials").stream()
                    .filter(c -> "password".equals(c.get("type"))).findFirst().orElseThrow();
            assertEquals(e.user() + "-password", password.get("value"));
            assertEquals(false, password.get("temporary"));
        }
    }

    @Test
    void carolHasTheTotpSecretTheTestsComputeCodesFrom() throws Exception {
        Map<String, Object> otp = JsonFiles.objects(user("carol").get("credentials"), "credentials").stream()
                .filter(c -> "otp".equals(c.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("carol has no otp credential"));
        Map<String, Object> secret = JSONObjectUtils.parse(Yamls.string(otp.get("secretData"), "secretData"));
        assertEquals("portcullis-totp-secret-0123456789", secret.get("value"));
        Map<String, Object> data = JSONObjectUtils.parse(Yamls.string(otp.get("credentialData"), "credentialData"));
        assertEquals("totp", data.get("subType"));
        assertEquals(6L, ((Number) data.get("digits")).longValue());
        assertEquals(30L, ((Number) data.get("period")).longValue());
        assertEquals("HmacSHA1", data.get("algorithm"));
        for (String other : List.of("alice", "bob")) {
            assertTrue(JsonFiles.objects(user(other).get("credentials"), "credentials").stream()
                    .noneMatch(c -> "otp".equals(c.get("type"))), other + " has no second factor");
        }
    }

    @Test
    void confidentialAndPublicClientsBothRequirePkce() {
        Map<String, Object> confidential = client("portcullis");
        assertEquals(false, confidential.get("publicClient"));
        assertEquals("portcullis-secret", confidential.get("secret"));
        assertEquals(true, confidential.get("serviceAccountsEnabled"));
        Map<String, Object> web = client("portcullis-web");
        assertEquals(true, web.get("publicClient"));
        assertFalse(web.containsKey("secret"), "a public client has no secret");
        for (Map<String, Object> c : List.of(confidential, web)) {
            assertEquals(true, c.get("standardFlowEnabled"));
            assertEquals(true, c.get("directAccessGrantsEnabled"));
            assertEquals(false, c.get("implicitFlowEnabled"));
            assertEquals("S256", Yamls.at(c, "attributes", "pkce.code.challenge.method"));
            assertEquals(List.of("http://127.0.0.1/*", "http://localhost/*"), c.get("redirectUris"),
                    "loopback only; Keycloak ignores the port of loopback redirect URIs");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"portcullis", "portcullis-web"})
    void clientMappersPutAudienceGroupsDeviceAndAmrInTheAccessToken(String clientId) {
        Map<String, Map<String, Object>> mappers = mappersByName(client(clientId));
        record Expect(String type, String claim, String attribute, String jsonType) {
        }
        Map<String, Expect> expected = Map.of(
                "groups", new Expect("oidc-group-membership-mapper", "groups", null, null),
                "device.compliant", new Expect("oidc-usermodel-attribute-mapper", "device.compliant", "device_compliant", "boolean"),
                "device.patch_age_days", new Expect("oidc-usermodel-attribute-mapper", "device.patch_age_days",
                        "device_patch_age_days", "int"),
                "device.managed", new Expect("oidc-hardcoded-claim-mapper", "device.managed", null, "boolean"),
                "amr", new Expect("oidc-amr-mapper", null, null, null));
        for (Map.Entry<String, Expect> e : expected.entrySet()) {
            Map<String, Object> m = mappers.get(e.getKey());
            assertNotNull(m, clientId + " has mapper " + e.getKey());
            Map<String, Object> config = Yamls.mapAt(m, "config");
            assertEquals(e.getValue().type(), m.get("protocolMapper"), e.getKey());
            assertEquals("true", config.get("access.token.claim"), e.getKey() + " is in the access token");
            if (e.getValue().claim() != null) {
                assertEquals(e.getValue().claim(), config.get("claim.name"), e.getKey());
            }
            if (e.getValue().attribute() != null) {
                assertEquals(e.getValue().attribute(), config.get("user.attribute"), e.getKey());
            }
            if (e.getValue().jsonType() != null) {
                assertEquals(e.getValue().jsonType(), config.get("jsonType.label"), e.getKey());
            }
        }
        assertEquals("false", Yamls.at(mappers.get("groups"), "config", "full.path"), "short group names");
        assertEquals("true", Yamls.at(mappers.get("device.managed"), "config", "claim.value"));
        Map<String, Object> audience = mappers.values().stream()
                .filter(m -> "oidc-audience-mapper".equals(m.get("protocolMapper"))).findFirst()
                .orElseThrow(() -> new AssertionError(clientId + " has no audience mapper"));
        assertEquals("portcullis", Yamls.at(audience, "config", "included.custom.audience"));
        assertEquals("true", Yamls.at(audience, "config", "access.token.claim"));
    }

    @Test
    void browserFlowRecordsPwdAndOtpAsAmr() {
        assertEquals("browser-amr", realm.get("browserFlow"));
        Map<String, String> configs = JsonFiles.objects(realm.get("authenticatorConfig"), "authenticatorConfig")
                .stream().collect(Collectors.toMap(c -> (String) c.get("alias"),
                        c -> (String) Yamls.at(c, "config", "default.reference.value")));
        Map<String, String> amrByAuthenticator = JsonFiles.objects(realm.get("authenticationFlows"), "flows").stream()
                .filter(f -> ((String) f.get("alias")).startsWith("browser-amr"))
                .flatMap(f -> JsonFiles.objects(f.get("authenticationExecutions"), "executions").stream())
                .filter(x -> x.containsKey("authenticatorConfig"))
                .collect(Collectors.toMap(x -> (String) x.get("authenticator"),
                        x -> configs.get((String) x.get("authenticatorConfig"))));
        assertEquals(Map.of("auth-username-password-form", "pwd", "auth-otp-form", "otp"), amrByAuthenticator);
    }

    @Test
    void amrReferencesOutliveTheLoginSecond() {
        // Keycloak keeps an amr value only while auth_time + default.reference.maxAge >= now, reading an
        // absent maxAge as 0: without it "otp" appears only if the code is exchanged in the login's own
        // second, and MFA tests flake.
        for (Map<String, Object> config : JsonFiles.objects(realm.get("authenticatorConfig"), "authenticatorConfig")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) config.get("config");
            if (values.containsKey("default.reference.value")) {
                Object maxAge = values.get("default.reference.maxAge");
                assertTrue(maxAge != null && Long.parseLong(maxAge.toString()) >= 3600,
                        config.get("alias") + " needs default.reference.maxAge of at least an hour: " + values);
            }
        }
    }

    @Test
    void importKeepsTheFlowsAndScopesKeycloakWouldOtherwiseLose() {
        // Importing authenticationFlows replaces the defaults: the direct grant flow must be there too.
        assertEquals("direct grant", realm.get("directGrantFlow"));
        Set<Object> aliases = JsonFiles.objects(realm.get("authenticationFlows"), "flows").stream()
                .map(f -> f.get("alias")).collect(Collectors.toSet());
        assertTrue(aliases.containsAll(Set.of("browser-amr", "direct grant", "registration")), aliases.toString());
        for (Map<String, Object> flow : JsonFiles.objects(realm.get("authenticationFlows"), "flows")) {
            for (Map<String, Object> x : JsonFiles.objects(flow.get("authenticationExecutions"), "executions")) {
                if (Boolean.TRUE.equals(x.get("authenticatorFlow"))) {
                    assertTrue(aliases.contains(x.get("flowAlias")), flow.get("alias") + " -> " + x.get("flowAlias"));
                }
            }
        }
        // A clientScopes array would replace every built-in scope (basic, profile, email, acr...).
        assertFalse(realm.containsKey("clientScopes"));
    }

    @Test
    void userProfileKeepsUnmanagedDeviceAttributes() throws Exception {
        List<Map<String, Object>> providers = JsonFiles.objects(
                Yamls.at(realm, "components", "org.keycloak.userprofile.UserProfileProvider"), "user profile");
        assertEquals(1, providers.size());
        List<Object> config = Yamls.listAt(providers.get(0), "config", "kc.user.profile.config");
        Map<String, Object> profile = JSONObjectUtils.parse(Yamls.string(config.get(0), "kc.user.profile.config"));
        assertEquals("ADMIN_EDIT", profile.get("unmanagedAttributePolicy"),
                "without it the imported device_* attributes are silently dropped");
    }
}
