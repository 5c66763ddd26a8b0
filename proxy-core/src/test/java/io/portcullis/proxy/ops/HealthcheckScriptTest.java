package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.portcullis.config.HostPort;
import io.portcullis.proxy.admin.AdminServer;
import io.portcullis.proxy.server.Transports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container health probe (deploy/docker/healthcheck.sh, the Dockerfile's HEALTHCHECK) run for
 * real with bash against a real admin listener on a loopback port.
 */
class HealthcheckScriptTest {

    private static final String SCRIPT = "deploy/docker/healthcheck.sh";

    private final AtomicReference<String> notReady = new AtomicReference<>();
    private EventLoopGroup group;
    private AdminServer admin;

    @BeforeEach
    void startAdminListener() throws Exception {
        group = Transports.newGroup(1, "ops-admin-test");
        admin = AdminServer.start(new HostPort("127.0.0.1", 0), group, () -> new AdminServer.Endpoints() {
            @Override
            public String metrics() {
                return "";
            }

            @Override
            public String notReadyReason() {
                return notReady.get();
            }

            @Override
            public String policies() {
                return "{}";
            }
        });
    }

    @AfterEach
    void stop() {
        admin.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static int probe(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = RepoFiles.path(SCRIPT).toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // A guard against a hung probe, not a timing assertion.
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        return p.exitValue();
    }

    @Test
    void healthyWhenHealthzAnswers200() throws Exception {
        assertEquals(0, probe(String.valueOf(admin.port())));
        assertEquals(0, probe(String.valueOf(admin.port()), "/healthz"));
    }

    @Test
    void followsReadinessWhenPointedAtReadyz() throws Exception {
        notReady.set("issuer corp: keys not loaded yet");
        assertEquals(1, probe(String.valueOf(admin.port()), "/readyz"), "503 is unhealthy");
        notReady.set(null);
        assertEquals(0, probe(String.valueOf(admin.port()), "/readyz"));
    }

    @Test
    void unhealthyOnAnUnknownPath() throws Exception {
        assertEquals(1, probe(String.valueOf(admin.port()), "/no-such-endpoint"));
    }

    @Test
    void unhealthyWhenNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertNotEquals(0, probe(String.valueOf(closedPort)));
    }
}
