package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.ExampleConfig;
import io.portcullis.fixtures.LoopbackPorts;
import io.portcullis.fixtures.StartedThreads;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.access.LoginConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails at one of its steps leaves nothing of what it opened running: a failed start
 * returns no object to close, so what it does not close itself runs until the process ends. Through
 * real parts: a Redis state store (aimed where nothing listens, so it keeps its connection thread and
 * Lettuce's event loops busy reconnecting), real issuers serving keys, the warm-up on the event loops,
 * the listeners, and a port held by a real socket.
 */
class PortcullisStartFailureTest {

    /** How the start's parts name their threads: ours, the identity key caches', SSO's, Lettuce's. */
    private static final String[] PARTS = {"portcullis-", "identity-jwks-", "sso-", "lettuce-"};

    @TempDir
    Path dir;

    @Test
    void aDecisionApiPortInUseClosesEverythingTheStartOpenedBeforeIt() throws Exception {
        int admin = LoopbackPorts.free();
        int data = LoopbackPorts.free();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedIssuer corp = EmbeddedIssuer.start("/realms/corp");
             EmbeddedIssuer mdm = EmbeddedIssuer.start("/mdm");
             EchoUpstream upstream = EchoUpstream.start()) {
            // The last step fails: the admin and data listeners are bound and the warm-up ran on the event loops.
            String example = ExampleConfig.yaml("127.0.0.1:" + data, "127.0.0.1:" + admin, corp.issuerUrl(),
                    corp.jwksUri(), mdm.issuerUrl(), mdm.jwksUri(), upstream.url());
            Path file = Files.writeString(dir.resolve("portcullis.yaml"), example + redisWhereNothingListens()
                    + "warmup: { enabled: true, iterations: 20, settle: 0s }\n"
                    + "decision_api:\n  listen: 127.0.0.1:" + taken.getLocalPort() + "\n");
            ConfigCompiler.Compiled compiled = ConfigCompiler.compile(file);
            StartedThreads started = StartedThreads.since(PARTS);

            ListenerUnavailableException e = assertThrows(ListenerUnavailableException.class,
                    () -> Portcullis.start(file, compiled, DefaultIdentityService::start, false));

            assertTrue(e.getMessage().startsWith("cannot open the decision API listener (decision_api.listen: "
                    + "127.0.0.1:" + taken.getLocalPort() + ")"), e.getMessage());
            started.awaitNoneRunning("the failed start");
            assertFree(admin);
            assertFree(data);
        }
    }

    @Test
    void aSessionKeyUnusableAtStartClosesTheStateStoreOpenedBeforeIt() throws Exception {
        ConfigCompiler.Compiled compiled = ConfigCompiler.compile(LoginConfigs.withLogin(dir,
                ProxyFixture.PUBLIC_APP.replace("${UPSTREAM}", "http://127.0.0.1:9") + redisWhereNothingListens()));
        // Rewritten between the check and the start (a rotation gone wrong): the start reads it again.
        Path key = compiled.config().sso().sessionKeyFiles().get(0);
        Files.writeString(key, "dG9vLXNob3J0");
        StartedThreads started = StartedThreads.since(PARTS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Portcullis.start(null, compiled, DefaultIdentityService::start, false));

        assertEquals("session key file " + key + " must hold 32 bytes (openssl rand -base64 32), got 9",
                e.getMessage());
        started.awaitNoneRunning("the failed start");
    }

    /** A Redis store connects in the background, so nothing needs to listen for the start to get past it. */
    private static String redisWhereNothingListens() throws IOException {
        return "state:\n  type: redis\n  url: redis://127.0.0.1:" + LoopbackPorts.free() + "\n";
    }

    private static void assertFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound after the failed start", e);
        }
    }
}
