package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.proxy.ListenerUnavailableException;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.dev.DevMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer sees when {@code serve} or {@code dev} cannot start because a port is taken (by a
 * real socket here): which listener and which address, exit code 1, no stack trace; and that
 * {@code dev} leaves no temporary directory behind, after a failed start as after a normal stop.
 */
class StartFailureTest {

    private static String config(int listen, int admin, String upstream) {
        return ProxyFixture.PUBLIC_APP.replace("${UPSTREAM}", upstream)
                .replace("listen: 127.0.0.1:0", "listen: 127.0.0.1:" + listen)
                .replace("admin: 127.0.0.1:0", "admin: 127.0.0.1:" + admin);
    }

    private static ServerSocket occupy() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @Test
    void serveNamesTheDataPlaneListenerWhosePortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = occupy(); EchoUpstream up = EchoUpstream.start()) {
            Path file = dir.resolve("p.yaml");
            Files.writeString(file, config(taken.getLocalPort(), 0, up.url()));
            CliRun run = CliRun.of("serve", "--config", file.toString());
            assertEquals(1, run.code(), run.err());
            assertEquals("cannot open the data plane listener (listen: 127.0.0.1:" + taken.getLocalPort()
                    + "): Address already in use\nnot started: free the address or change the port in the config.\n",
                    run.err());
            assertFalse(run.out().contains("Exception"), run.out());
        }
    }

    @Test
    void serveNamesTheAdminListenerWhosePortIsTaken(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = occupy(); EchoUpstream up = EchoUpstream.start()) {
            Path file = dir.resolve("p.yaml");
            Files.writeString(file, config(0, taken.getLocalPort(), up.url()));
            CliRun run = CliRun.of("serve", "--config", file.toString());
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().startsWith("cannot open the admin listener (admin: 127.0.0.1:" + taken.getLocalPort()
                    + "): Address already in use\n"), run.err());
            assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace: " + run.err());
        }
    }

    @Test
    void devSaysWhichPortIsTakenAndExitsNonZero() throws Exception {
        try (ServerSocket taken = occupy()) {
            CliRun run = CliRun.of("dev", "--port", String.valueOf(taken.getLocalPort()), "--admin-port", "0");
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().startsWith("cannot open the data plane listener (listen: 127.0.0.1:"
                    + taken.getLocalPort() + "): Address already in use\n"), run.err());
        }
    }

    @Test
    void devRemovesItsTemporaryDirectoryWhenTheStartFails(@TempDir Path parent) throws Exception {
        try (ServerSocket taken = occupy()) {
            assertThrows(ListenerUnavailableException.class, () -> DevMode.start(0, taken.getLocalPort(), parent));
        }
        assertEquals(0, entries(parent), "nothing left in " + parent);
    }

    @Test
    void devRemovesItsTemporaryDirectoryOnClose(@TempDir Path parent) throws Exception {
        Path configDir;
        try (DevMode dev = DevMode.start(0, 0, parent)) {
            configDir = dev.configFile().getParent();
            assertEquals(parent, configDir.getParent());
            assertTrue(Files.isRegularFile(dev.configFile()));
            Files.writeString(configDir.resolve("portcullis.yaml~"), "an editor's backup");
        }
        assertFalse(Files.exists(configDir), "removed with an editor's backup file in it");
        assertEquals(0, entries(parent));
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
