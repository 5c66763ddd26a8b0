package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport keys: listener TLS, HTTP/2, shutdown grace, body-read timeout and route transport. */
class TransportConfigTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        for (String name : new String[] {"cert.pem", "key.pem", "ca.pem"}) {
            Files.writeString(dir.resolve(name), "placeholder");
        }
    }

    static PortcullisConfig load(String top, String upstream, String routeExtra) throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        // the shared valid file, with this test's upstream and extra route keys
        String base = ConfigLoaderErrorsTest.BASE.replace("    upstream: http://127.0.0.1:9001\n",
                "    upstream: " + upstream + "\n" + routeExtra);
        Files.writeString(file, top + base);
        return ConfigLoader.load(file);
    }

    static String problems(String top, String upstream, String routeExtra) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(top, upstream, routeExtra));
        return e.getMessage();
    }

    @Test
    void transportIsOffByDefault() throws Exception {
        PortcullisConfig c = load("", "http://127.0.0.1:9001", "");
        // A config file gets the warm-up (on); configs built in code start without it.
        assertEquals(TransportConfig.defaults().withWarmup(WarmupConfig.defaults()), c.transport());
        assertNull(c.transport().tls());
        assertFalse(c.transport().h2c());
        assertEquals(RouteTransportConfig.defaults(), c.routes().get(0).transport());
        assertEquals(Duration.ofSeconds(30), c.timeouts().bodyRead());
    }

    @Test
    void tlsFilesAreRelativeToTheConfigFile() throws Exception {
        PortcullisConfig c = load("""
                tls: { cert_file: cert.pem, key_file: key.pem, min_version: TLSv1.3, client_ca_file: ca.pem }
                http2: { cleartext: true }
                shutdown_grace: 3s
                timeouts: { body_read: 4s }
                """, "http://127.0.0.1:9001", "");
        TlsConfig tls = c.transport().tls();
        assertEquals(dir.resolve("cert.pem").toAbsolutePath(), tls.certFile());
        assertEquals(dir.resolve("key.pem").toAbsolutePath(), tls.keyFile());
        assertEquals("TLSv1.3", tls.minVersion());
        assertEquals(TlsConfig.ClientAuth.OPTIONAL, tls.clientAuth(), "a client CA alone asks for certificates");
        assertTrue(c.transport().h2c());
        assertEquals(Duration.ofSeconds(3), c.transport().shutdownGrace());
        assertEquals(Duration.ofSeconds(4), c.timeouts().bodyRead());
    }

    @Test
    void badTlsSettingsAreReportedWithTheirPositions() {
        String msg = problems("""
                tls: { cert_file: missing.pem, key_file: key.pem, min_version: TLSv1.1, client_auth: required }
                """, "http://127.0.0.1:9001", "");
        assertTrue(msg.contains("1:19: tls.cert_file: cannot read file"), msg);
        assertTrue(msg.contains("tls.min_version: must be TLSv1.2 or TLSv1.3, got 'TLSv1.1'"), msg);
        assertTrue(msg.contains("tls.client_auth: needs client_ca_file"), msg);
        assertTrue(problems("tls: { cert_file: cert.pem, key_file: key.pem, client_auth: maybe, client_ca_file: ca.pem }\n",
                "http://127.0.0.1:9001", "").contains("must be none, optional or required, got 'maybe'"));
        assertTrue(problems("http2: { cleartxt: true }\n", "http://127.0.0.1:9001", "")
                .contains("http2.cleartxt: unknown key"));
    }

    @Test
    void routeTransportBinds() throws Exception {
        PortcullisConfig c = load("", "https://api.internal:8443", """
                    websocket: true
                    websocket_token_expiry: true
                    tls: { ca_file: ca.pem, cert_file: cert.pem, key_file: key.pem, server_name: api.test }
                """);
        RouteTransportConfig t = c.routes().get(0).transport();
        assertTrue(t.websocket());
        assertTrue(t.websocketTokenExpiry());
        assertEquals(dir.resolve("ca.pem").toAbsolutePath(), t.upstreamTls().caFile());
        assertEquals("api.test", t.upstreamTls().serverName());
        assertFalse(t.upstreamTls().insecureSkipVerify());
    }

    @Test
    void routeTransportMistakes() {
        assertTrue(problems("", "http://127.0.0.1:9001", "    tls: { insecure_skip_verify: true }\n")
                .contains("routes[0].tls: needs an https:// upstream"));
        assertTrue(problems("", "https://a.test", "    tls: { cert_file: cert.pem }\n")
                .contains("routes[0].tls: cert_file and key_file go together"));
        assertTrue(problems("", "https://a.test", "    websocket_token_expiry: true\n")
                .contains("routes[0].websocket_token_expiry: needs websocket: true"));
    }
}
