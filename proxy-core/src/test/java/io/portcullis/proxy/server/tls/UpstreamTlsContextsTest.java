package io.portcullis.proxy.server.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.UpstreamTlsConfig;
import io.portcullis.proxy.tls.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream TLS contexts are built when a config is loaded, on the loading thread; the event loops
 * only look them up. A reload's new records get new contexts (files re-read), and the previous
 * config's stay usable for requests begun before it.
 */
class UpstreamTlsContextsTest {

    @TempDir
    Path dir;

    private PortcullisConfig config(String tls) throws Exception {
        return ConfigLoader.parse("""
                listen: 127.0.0.1:0
                routes:
                  - id: secure
                    match: { path_prefix: /s }
                    upstream: https://127.0.0.1:1
                    policy: public
                    tls: %s
                  - id: plain
                    match: { path_prefix: /p }
                    upstream: http://127.0.0.1:2
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                """.formatted(tls), "test.yaml");
    }

    private static UpstreamTlsConfig routeTls(PortcullisConfig config) {
        return config.routes().get(0).transport().upstreamTls();
    }

    @Test
    void aLoadedConfigsContextsAreBuiltBeforeAnyConnect() throws Exception {
        Path ca = TestPki.create("upstream").writeCa(dir, "ca.pem");
        PortcullisConfig first = config("{ ca_file: " + ca + " }");
        UpstreamTlsContexts contexts = new UpstreamTlsContexts();
        assertFalse(contexts.isPrepared(routeTls(first)));
        contexts.prepare(first);
        assertTrue(contexts.isPrepared(routeTls(first)));
        var onAnotherThread = CompletableFuture.supplyAsync(() -> {
            try {
                return contexts.forConfig(routeTls(first));
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        }).get();
        assertSame(onAnotherThread, contexts.forConfig(routeTls(first)), "one context, looked up");

        PortcullisConfig reloaded = config("{ ca_file: " + ca + " }");
        contexts.prepare(reloaded);
        assertTrue(contexts.isPrepared(routeTls(reloaded)), "a reload's records get contexts of their own");
        assertTrue(contexts.isPrepared(routeTls(first)), "the previous config's stay for requests begun under it");
    }

    @Test
    void unusableFilesAreFoundAtLoadAndRefuseTheConnect() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        PortcullisConfig config = config("{ ca_file: " + junk + " }");
        UpstreamTlsContexts contexts = new UpstreamTlsContexts();
        contexts.prepare(config);
        assertTrue(contexts.isPrepared(routeTls(config)));
        assertThrows(SSLException.class, () -> contexts.forConfig(routeTls(config)));
    }
}
