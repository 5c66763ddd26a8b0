package io.portcullis.proxy.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.DevicePostureConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.ExampleConfig;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.policy.Policy;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.RequestFacts;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What an authorization decision needs, for real: an issuer serving its keys on loopback, an identity
 * service that has fetched them, device posture from the identity token's {@code device} claim, and
 * the documented example policies ({@link ExampleConfig#POLICIES}): {@code admins-on-compliant-devices}
 * and {@code public}.
 */
public final class DecisionBed implements AutoCloseable {

    public final EmbeddedIssuer idp;
    public final DefaultIdentityService identity;
    public final DevicePostureConfig posture;
    public final RequestFacts request;
    private final PolicySet policies;
    private final PortcullisConfig config;

    public DecisionBed() throws ConfigException, UnknownHostException {
        idp = EmbeddedIssuer.start("/idp");
        PortcullisConfig config = ConfigLoader.parse("""
                issuers:
                  - id: corp
                    issuer: %s
                    jwks_uri: %s
                    audiences: [portcullis]
                device_posture:
                  claims_from_identity_token: device
                routes:
                  - id: admin
                    match: { path_prefix: /admin }
                    upstream: http://127.0.0.1:9
                    policy: admins-on-compliant-devices
                """.formatted(idp.issuerUrl(), idp.jwksUri()) + ExampleConfig.POLICIES, "decision-bed.yaml");
        this.config = config;
        policies = ConfigCompiler.compile(config).policies();
        posture = config.identity().devicePosture();
        identity = DefaultIdentityService.start(config, IdentityEvents.NONE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!identity.issuers().stream().allMatch(IssuerStatus::keysLoaded)) {
            assertTrue(System.nanoTime() < deadline, "the issuer's keys did not load");
            Thread.onSpinWait();
        }
        request = new RequestFacts("GET", "app.test", "/admin/x", InetAddress.getByName("127.0.0.1"));
    }

    /**
     * {@link #request} as the access pipeline takes it, on the bed's route with {@code policy}.
     *
     * @param postureToken the posture header's value, or null for none
     */
    public AccessRequest access(Policy policy, List<String> authorization, String postureToken) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", authorization);
        if (postureToken != null) {
            headers.put(posture.header(), List.of(postureToken));
        }
        return new AccessRequest(new AccessRequest.Target(new Route(config.routes().get(0), policy, List.of()),
                request.method(), request.host(), request.path(), null, null), name -> headers.getOrDefault(name, List.of()),
                new AccessRequest.Peer(request.sourceIp(), request.sourceIp(), null), Instant.now(), "test");
    }

    public Policy policy(String id) {
        return policies.get(id).orElseThrow();
    }

    /**
     * A token of alice, in group admins, logged in an hour ago with a second factor or not, on device
     * laptop-1 (patched five days ago) compliant or not.
     */
    public String admin(boolean compliant, boolean mfa) {
        return idp.token().subject("alice").claim("groups", List.of("admins"))
                .claim("amr", mfa ? List.of("pwd", "otp") : List.of("pwd"))
                .claim("auth_time", Instant.now().minus(Duration.ofHours(1)).getEpochSecond())
                .claim("device", Map.of("id", "laptop-1", "compliant", compliant, "patch_age_days", 5)).sign();
    }

    @Override
    public void close() {
        identity.close();
        idp.close();
    }
}
