package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.ExampleConfig;
import io.portcullis.fixtures.StartedThreads;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.DefaultIdentityService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that applies a new config closes the identity stage it replaced. The new stage shares the
 * key-fetch threads and the caches of unchanged issuers, counted by owner; the replaced one, never
 * closed, kept its share for good, so the threads outlived the proxy's own close and the caches of
 * changed issuers went on refreshing. Through real issuers serving keys.
 */
class ReloadReplacedIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aProxyClosedAfterAReloadStopsTheKeyFetchThreadsAndTheNewStageVerifiesUntilThen() throws Exception {
        try (EmbeddedIssuer corp = EmbeddedIssuer.start("/realms/corp");
             EmbeddedIssuer mdm = EmbeddedIssuer.start("/mdm");
             EchoUpstream upstream = EchoUpstream.start()) {
            String example = ExampleConfig.yaml("127.0.0.1:0", "127.0.0.1:0", corp.issuerUrl(), corp.jwksUri(),
                    mdm.issuerUrl(), mdm.jwksUri(), upstream.url()) + "warmup: { enabled: false }\n";
            Path file = Files.writeString(dir.resolve("portcullis.yaml"), example);
            StartedThreads started = StartedThreads.since("identity-jwks-");
            Portcullis portcullis = Portcullis.start(file, ConfigCompiler.compile(file),
                    DefaultIdentityService::start, false);
            try {
                // corp's settings change, so its keys get a new cache; mdm's cache is kept.
                Files.writeString(file, example.replace("clock_skew: 30s", "clock_skew: 45s"));
                assertTrue(portcullis.reload(), "applied");

                // Closing the replaced stage took nothing from the new one: its fresh cache fetches and verifies.
                AuthResult result = portcullis.current().identity().authenticate(corp.token().sign())
                        .get(10, TimeUnit.SECONDS);
                assertInstanceOf(AuthResult.Authenticated.class, result, result.toString());
            } finally {
                portcullis.close();
            }

            started.awaitNoneRunning("closing the proxy after a reload");
        }
    }
}
