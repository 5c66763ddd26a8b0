package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.StartedThreads;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.identity.PostureResult;
import io.portcullis.proxy.access.LoginConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that fails part-way, once it has begun opening the new config's parts, is refused with the
 * running config kept, and leaves none of what it opened running: an operator who saves a bad file
 * again and again must not pile up threads. Through real parts: the login issuer's key fetch really
 * starts (at an address where nothing listens) before the step that fails.
 */
class ReloadFailureTest {

    /** How the parts a reload opens name their threads: SSO's and the identity key caches'. */
    private static final String[] PARTS = {"sso-", "identity-jwks-"};

    private static final String APP = ProxyFixture.PUBLIC_APP.replace("${UPSTREAM}", "http://127.0.0.1:9")
            + "warmup: { enabled: false }\n";

    @TempDir
    Path dir;

    @Test
    void aBlankLoginClientIdIsRefusedEveryTimeWithoutLeavingLoginThreads() throws Exception {
        Path file = Files.writeString(dir.resolve("portcullis.yaml"), LoginConfigs.loginYaml(dir, "portcullis") + APP);
        try (Portcullis portcullis = Portcullis.start(file, ConfigCompiler.compile(file), DefaultIdentityService::start,
                false)) {
            // The bearer key cache and login's have each tried once: the running config's threads are all up.
            awaitMetric(portcullis, "portcullis_jwks_fetches_total{issuer=\"corp\",result=\"connect-failed\"} 2.0");
            RuntimeConfig running = portcullis.current();
            StartedThreads started = StartedThreads.since(PARTS);
            // The config check refuses a blank client_id now. It used to pass it, and the login service's start
            // refused it only after its threads and key fetch began (that start is SsoServiceStartFailureTest's):
            // either way, a login config refused again and again leaves nothing running.
            Files.writeString(file, LoginConfigs.loginYaml(dir, " ") + APP);

            for (int attempt = 1; attempt <= 3; attempt++) {
                assertFalse(portcullis.reload(), "refused, attempt " + attempt);
                started.awaitNoneRunning("refused reload " + attempt);
            }

            assertSame(running, portcullis.current(), "the running config is kept");
            assertTrue(portcullis.metrics().scrape().contains("portcullis_config_reloads_total{result=\"failure\"} 3.0"));
            assertEquals("portcullis", portcullis.current().config().issuer("corp").orElseThrow().client().clientId());
        }
    }

    @Test
    void aStepFailingAfterTheNewLoginServiceStartedClosesItAndKeepsTheRunningConfig() throws Exception {
        Path file = Files.writeString(dir.resolve("portcullis.yaml"), LoginConfigs.loginYaml(dir, "portcullis") + APP);
        try (Portcullis portcullis = Portcullis.start(file, ConfigCompiler.compile(file),
                (config, events) -> new RefusingReconfigure(DefaultIdentityService.start(config, events)), false)) {
            awaitMetric(portcullis, "portcullis_jwks_fetches_total{issuer=\"corp\",result=\"connect-failed\"} 2.0");
            RuntimeConfig running = portcullis.current();
            StartedThreads started = StartedThreads.since(PARTS);
            // Another client id: the reload starts a new login service, then the identity stage refuses.
            Files.writeString(file, LoginConfigs.loginYaml(dir, "portcullis-2") + APP);

            assertFalse(portcullis.reload(), "refused");

            started.awaitNoneRunning("the refused reload");
            assertSame(running, portcullis.current(), "the running config is kept");
            assertTrue(portcullis.metrics().scrape().contains("portcullis_config_reloads_total{result=\"failure\"} 1.0"));
        }
    }

    /**
     * The real identity stage, except that it refuses every new config: the one step of a reload that a
     * valid file cannot make fail once the login service is built (the test's stand-in for an identity
     * stage that breaks). It closes the real one with itself.
     */
    private record RefusingReconfigure(IdentityService real) implements IdentityService {

        @Override
        public CompletableFuture<AuthResult> authenticate(String token) {
            return real.authenticate(token);
        }

        @Override
        public CompletableFuture<PostureResult> posture(String postureToken, Identity identity) {
            return real.posture(postureToken, identity);
        }

        @Override
        public List<IssuerStatus> issuers() {
            return real.issuers();
        }

        @Override
        public IdentityService reconfigure(PortcullisConfig config) {
            throw new IllegalStateException("the identity stage refuses the new config");
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** Waits (bounded, polling) until the proxy's metrics hold {@code line}: key fetches end on their own threads. */
    private static void awaitMetric(Portcullis portcullis, String line) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!portcullis.metrics().scrape().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(portcullis.metrics().scrape().contains(line), line);
    }
}
