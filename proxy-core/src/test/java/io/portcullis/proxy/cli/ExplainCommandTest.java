package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.DPoPClient;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.proxy.tls.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain} against real issuers serving JWKS over HTTP: tokens are verified for real, each
 * criterion is shown with its outcome, and the token never appears in the output.
 */
class ExplainCommandTest {

    static EmbeddedIssuer corp;
    static EmbeddedIssuer mdm;
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void start() throws Exception {
        corp = EmbeddedIssuer.start("/realms/corp");
        mdm = EmbeddedIssuer.start("/mdm");
        config = dir.resolve("portcullis.yaml");
        Files.writeString(config, """
                issuers:
                  - id: corp
                    issuer: %s
                    jwks_uri: %s
                    audiences: [portcullis]
                  - id: mdm
                    issuer: %s
                    jwks_uri: %s
                    audiences: [portcullis]
                    algorithms: [ES256]
                device_posture:
                  issuers: [mdm]
                  claims_from_identity_token: device
                routes:
                  - id: admin
                    match: { path_prefix: /admin }
                    upstream: http://127.0.0.1:9001
                    policy: admins
                    shadow_policy: admins-from-corp
                  - id: api
                    match: { path_prefix: /api }
                    upstream: http://127.0.0.1:9001
                    policy: bound-only
                policies:
                  bound-only:
                    allow: { token: { bound: any } }
                  admins:
                    allow:
                      and:
                        - groups: { has: admins }
                        - device: { compliant: true }
                    deny:
                      source_ip: { not_in: [127.0.0.0/8] }
                  admins-from-corp:
                    mode: shadow
                    allow: { groups: { has: admins }, source_ip: { in: [10.0.0.0/8] } }
                """.formatted(corp.issuerUrl(), corp.jwksUri(), mdm.issuerUrl(), mdm.jwksUri()));
    }

    @AfterAll
    static void stop() {
        corp.close();
        mdm.close();
    }

    static String token(String sub, List<String> groups) {
        return corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("groups", groups).claim("auth_time", Instant.now().getEpochSecond())
                .claim("device", Map.of("compliant", true, "id", "laptop-7")).sign();
    }

    static CliRun explain(String token, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--config", config.toString(),
                "--path", "/admin/users"));
        if (token != null) {
            args.add("--token");
            args.add(token);
        }
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anAdminIsAllowedAndEveryCriterionIsShown() {
        String jwt = token("alice", List.of("admins"));
        CliRun r = explain(jwt, "--source-ip", "127.0.0.1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("token:    valid; issuer corp, subject alice"), r.out());
        assertTrue(r.out().contains("device:   identity-claim, device laptop-7"), r.out());
        assertTrue(r.out().matches("(?s).*  allow TRUE    ok  \\S+  device: \\{ compliant: true }  \\[device-ok]\\n.*"), r.out());
        assertTrue(r.out().contains("route:    admin ("), r.out());
        assertTrue(r.out().matches("(?s).*  deny  FALSE   ok  \\S+:\\d+:\\d+  source_ip: \\{ not_in: \\[127.0.0.0/8\\] }\\n.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*  allow TRUE    ok  \\S+:\\d+:\\d+  groups: \\{ has: admins }  \\[groups-authorized]\\n.*"),
                r.out());
        assertTrue(r.out().contains("decision: allow (rule allow); reasons: groups-authorized"), r.out());
        assertTrue(r.out().contains("shadow:   admins-from-corp would deny (would-deny; logged, never enforced)"),
                r.out());
        assertFalse(r.out().contains(jwt) || r.err().contains(jwt), "the token is never printed");
    }

    @Test
    void aNonAdminSeesWhichCriterionRefused() {
        CliRun r = explain(token("bob", List.of("staff")), "--source-ip", "127.0.0.1");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*  allow FALSE   NO  \\S+  groups: \\{ has: admins }  \\[groups-unauthorized]\\n.*"),
                r.out());
        assertTrue(r.out().contains("decision: deny (rule allow); reasons: groups-unauthorized"), r.out());
    }

    @Test
    void aForgedTokenIsRefusedByRealVerification() {
        String forged = corp.token().subject("mallory").audience("portcullis").expiresIn(Duration.ofMinutes(5))
                .claim("groups", List.of("admins")).signedWithForeignKey();
        CliRun r = explain(forged, "--source-ip", "127.0.0.1");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("token:    refused: "), r.out());
        assertTrue(r.out().contains("decision: deny; reasons: token-"), r.out());
        assertFalse(r.out().contains("groups-authorized"), "no criterion is evaluated for a refused token: " + r.out());
        assertFalse(r.out().contains(forged), "the token is never printed");
    }

    @Test
    void theTokenCanBeReadFromAFileAndTheRouteCanBeMissed() throws Exception {
        Path file = dir.resolve("token.jwt");
        Files.writeString(file, token("alice", List.of("admins")) + "\n");
        CliRun r = explain("@" + file, "--source-ip", "10.9.9.9");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  deny  TRUE    NO "), r.out());
        assertTrue(r.out().contains("decision: deny (rule deny); reasons: source-ip-denied"), r.out());
        CliRun none = CliRun.of("explain", "--config", config.toString(), "--path", "/elsewhere");
        assertEquals(1, none.code());
        assertTrue(none.out().contains("route:    none for /elsewhere"), none.out());
        assertTrue(none.out().contains("decision: no-route"), none.out());
    }

    static CliRun explainApi(String token, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("explain", "--config", config.toString(),
                "--path", "/api/orders", "--host", "app.test", "--token", token));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aDPoPBoundTokenWithItsProofShowsTheBindingAndPassesTheCriterion() {
        DPoPClient key = DPoPClient.es256();
        String jwt = corp.token().subject("alice").audience("portcullis").claim("cnf", key.cnf()).sign();
        String proof = key.proof("GET", "https://app.test/api/orders", jwt);
        CliRun r = explainApi(jwt, "--dpop-proof", proof);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("binding:  issuer corp optional; token bound to a DPoP key (cnf.jkt); "
                + "presented as DPoP with a proof; accepted: dpop"), r.out());
        assertTrue(r.out().matches("(?s).*  allow TRUE    ok  \\S+  token: \\{ bound: any }.*"), r.out());
        assertFalse(r.out().contains(proof) || r.out().contains(jwt), "neither proof nor token is printed");
    }

    @Test
    void aRefusedBindingIsA401AndThePolicyNeverSeesTheToken() {
        DPoPClient key = DPoPClient.es256();
        String jwt = corp.token().subject("alice").audience("portcullis").claim("cnf", key.cnf()).sign();
        CliRun asBearer = explainApi(jwt);
        assertEquals(1, asBearer.code(), asBearer.out() + asBearer.err());
        assertTrue(asBearer.out().contains("presented as Bearer; refused: bound-token-as-bearer (401)"), asBearer.out());
        assertTrue(asBearer.out().contains("decision: deny; reasons: bound-token-as-bearer"), asBearer.out());

        CliRun wrongMethod = explainApi(jwt, "--dpop-proof", key.proof("POST", "https://app.test/api/orders", jwt));
        assertEquals(1, wrongMethod.code());
        assertTrue(wrongMethod.out().contains("refused: dpop-htm-mismatch (401)"), wrongMethod.out());

        CliRun otherOrigin = explainApi(jwt, "--dpop-proof", key.proof("GET", "https://app.test/api/orders", jwt),
                "--origin", "http://app.test");
        assertTrue(otherOrigin.out().contains("refused: dpop-htu-mismatch (401)"), otherOrigin.out());
    }

    @Test
    void anUnboundTokenIsAcceptedByItsIssuerButNotByABindingCriterion() {
        CliRun r = explainApi(corp.token().subject("bob").audience("portcullis").sign());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("token unbound; presented as Bearer; accepted: unbound"), r.out());
        assertTrue(r.out().matches("(?s).*  allow FALSE   NO  \\S+  token: \\{ bound: any }.*"), r.out());
    }

    @Test
    void aCertificateBoundTokenIsCheckedAgainstTheGivenCertificate() throws Exception {
        TestPki pki = TestPki.create("explain-clients");
        TestPki.Issued laptop = pki.issue("CN=laptop", List.of());
        Path pem = dir.resolve("laptop.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(laptop.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        String thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(laptop.certificate().getEncoded()));
        String jwt = corp.token().subject("alice").audience("portcullis")
                .claim("cnf", Map.of("x5t#S256", thumbprint)).sign();

        CliRun r = explainApi(jwt, "--client-cert", pem.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("token bound to a client certificate (cnf.x5t#S256); presented as Bearer, client "
                + "certificate; accepted: mtls"), r.out());

        CliRun without = explainApi(jwt);
        assertTrue(without.out().contains("refused: client-cert-missing (401)"), without.out());
        CliRun notPem = explainApi(jwt, "--client-cert", config.toString());
        assertEquals(2, notPem.code());
        assertTrue(notPem.err().contains("--client-cert: " + config + " holds no PEM certificate"), notPem.err());
    }

    @Test
    void aBadSourceIpIsAnArgumentError() {
        CliRun r = explain(null, "--source-ip", "example.com");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--source-ip: expected an IP address"), r.err());
    }
}
