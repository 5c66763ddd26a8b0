package io.portcullis.proxy.dev;

import com.nimbusds.jose.JWSAlgorithm;
import io.portcullis.config.ConfigException;
import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.ExampleConfig;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.Portcullis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The self-contained demo behind {@code portcullis dev}: an embedded identity issuer, an embedded
 * device-management (posture) issuer, a "legacy" echo upstream, and the proxy with a sample policy
 * written to a real config file (so it can be edited and is reloaded).
 */
public final class DevMode implements AutoCloseable {

    private final EmbeddedIssuer corp;
    private final EmbeddedIssuer mdm;
    private final EchoUpstream app;
    private final Path configFile;
    private final Portcullis portcullis;

    private DevMode(EmbeddedIssuer corp, EmbeddedIssuer mdm, EchoUpstream app, Path configFile, Portcullis portcullis) {
        this.corp = corp;
        this.mdm = mdm;
        this.app = app;
        this.configFile = configFile;
        this.portcullis = portcullis;
    }

    /** Starts everything; {@code port}/{@code adminPort} 0 pick free ports. */
    public static DevMode start(int port, int adminPort) throws IOException, ConfigException, InterruptedException {
        return start(port, adminPort, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * As {@link #start(int, int)}, with the config written to a new directory under {@code tempParent}.
     * The directory is removed by {@link #close()}, and at once when the start fails.
     */
    public static DevMode start(int port, int adminPort, Path tempParent)
            throws IOException, ConfigException, InterruptedException {
        EmbeddedIssuer corp = EmbeddedIssuer.start("/realms/corp");
        EmbeddedIssuer mdm = EmbeddedIssuer.start("/mdm");
        EchoUpstream app = EchoUpstream.start();
        Path dir = null;
        try {
            dir = Files.createTempDirectory(tempParent, "portcullis-dev");
            Path configFile = dir.resolve("portcullis.yaml");
            Files.writeString(configFile, config(port, adminPort, corp, mdm, app), StandardCharsets.UTF_8);
            Portcullis p = Portcullis.start(configFile, ConfigCompiler.compile(configFile), DefaultIdentityService::start, true);
            return new DevMode(corp, mdm, app, configFile, p);
        } catch (IOException | ConfigException | InterruptedException | RuntimeException e) {
            corp.close();
            mdm.close();
            app.close();
            TempDirectory.delete(dir);
            throw e;
        }
    }

    public Portcullis portcullis() {
        return portcullis;
    }

    public Path configFile() {
        return configFile;
    }

    public EmbeddedIssuer identityIssuer() {
        return corp;
    }

    public EmbeddedIssuer deviceIssuer() {
        return mdm;
    }

    public EchoUpstream upstream() {
        return app;
    }

    static String config(int port, int adminPort, EmbeddedIssuer corp, EmbeddedIssuer mdm, EchoUpstream app) {
        return "# Written by `portcullis dev`. Edit it while dev mode runs: it is reloaded on change.\n"
                + ExampleConfig.yaml("127.0.0.1:" + port, "127.0.0.1:" + adminPort, corp.issuerUrl(), corp.jwksUri(),
                        mdm.issuerUrl(), mdm.jwksUri(), app.url())
                + "# dev mode starts at once; a deployment warms its request path up before it is ready.\n"
                + "warmup: { enabled: false }\n";
    }

    private String user(String sub, List<String> groups, List<String> amr, Map<String, Object> device) {
        var b = corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofHours(8))
                .claim("email", sub + "@corp.example").claim("groups", groups).claim("amr", amr)
                .claim("auth_time", Instant.now().getEpochSecond());
        if (device != null) {
            b.claim("device", device);
        }
        return b.sign();
    }

    /** Fresh tokens and the requests that show allow and each kind of deny. */
    public List<TourStep> tour() {
        Map<String, Object> good = Map.of("compliant", true, "patch_age_days", 3, "managed", true, "id", "laptop-0042");
        String alice = user("alice", List.of("admins"), List.of("pwd", "otp"), good);
        String bob = user("bob", List.of("staff"), List.of("pwd", "otp"), good);
        String carol = user("carol", List.of("admins"), List.of("pwd", "otp"),
                Map.of("compliant", false, "patch_age_days", 45, "managed", true, "id", "laptop-0666"));
        String dave = user("dave", List.of("admins"), List.of("pwd"), good);
        String erin = user("erin", List.of("admins"), List.of("pwd", "hwk"), null);
        String erinDevice = mdm.token().subject("erin").audience("portcullis").algorithm(JWSAlgorithm.ES256)
                .expiresIn(Duration.ofMinutes(15)).claim("device_id", "macbook-erin")
                .claim("device", Map.of("compliant", true, "patch_age_days", 1, "managed", true, "disk_encrypted", true))
                .sign();
        return List.of(
                new TourStep("Public page, no token: allowed", "/public/hello", Map.of(), 200),
                new TourStep("Admin page, no token: 401 with WWW-Authenticate: Bearer", "/admin", Map.of(), 401),
                new TourStep("alice: admin, compliant device, MFA: allowed; the app receives X-Forwarded-User/-Email/-Groups",
                        "/admin/reports", Map.of("Authorization", "Bearer " + alice), 200),
                new TourStep("bob: not in admins: 403 (groups-unauthorized)", "/admin",
                        Map.of("Authorization", "Bearer " + bob), 403),
                new TourStep("carol: admin, but her device is not compliant and 45 days unpatched: 403", "/admin",
                        Map.of("Authorization", "Bearer " + carol), 403),
                new TourStep("dave: admin on a good device, password only: 401 step-up (insufficient_user_authentication)",
                        "/admin", Map.of("Authorization", "Bearer " + dave), 401),
                new TourStep("erin: no device claim in her token; a signed MDM device token vouches for her laptop: allowed",
                        "/admin", Map.of("Authorization", "Bearer " + erin, "X-Device-Posture", erinDevice), 200),
                new TourStep("A spoofed identity header is removed before the app sees it (look at the echoed headers)",
                        "/public/whoami", Map.of("X-Forwarded-User", "root"), 200));
    }

    /** Stops everything and removes the config's temporary directory; safe to call twice. */
    @Override
    public void close() {
        portcullis.close();
        corp.close();
        mdm.close();
        app.close();
        TempDirectory.delete(configFile.getParent());
    }
}
