package io.portcullis.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.AdminScrape;
import io.portcullis.proxy.ProxyFixture;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expiry of every certificate file the config names is exported: the listener's certificate,
 * its client CA and a route's upstream client certificate, read from real PEM files, scraped after
 * full garbage collections; a reload that drops a file drops its series.
 */
class CertificateExpiryMetricsTest {

    private static final String METRIC = "portcullis_tls_certificate_expiry_timestamp_seconds";

    private static String config(Path dir, String listenerExtra) {
        return TlsListenerTest.tlsConfig(dir, listenerExtra) + ProxyFixture.PUBLIC_APP.replace("policies:\n", """
                  - id: billing
                    match: { path_prefix: /billing }
                    upstream: https://127.0.0.1:9
                    policy: public
                    tls: { cert_file: %s, key_file: %s }
                policies:
                """.formatted(dir.resolve("upstream-client.crt"), dir.resolve("upstream-client.key")));
    }

    private static double value(String scrape, String kind, String name) {
        Matcher m = Pattern.compile("(?m)^" + METRIC + "\\{kind=\"" + kind + "\",name=\"" + name + "\"} (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "no " + kind + "/" + name + " series in:\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void serverClientCaAndUpstreamClientCertificatesAreExported(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create("Expiry Test CA");
        TestPki.Issued server = pki.server();
        server.write(dir, "server");
        Path ca = pki.writeCa(dir, "clients-ca");
        TestPki.Issued client = pki.issue("CN=portcullis", java.util.List.of());
        client.write(dir, "upstream-client");
        String withCa = config(dir, ", client_ca_file: " + ca + ", client_auth: optional");
        try (ProxyFixture fx = new ProxyFixture(withCa)) {
            String scrape = AdminScrape.afterGc(fx);
            assertEquals(server.certificate().getNotAfter().toInstant().getEpochSecond(), value(scrape, "server", "listen"));
            assertEquals(pki.ca().certificate().getNotAfter().toInstant().getEpochSecond(),
                    value(scrape, "client_ca", "listen"));
            assertEquals(client.certificate().getNotAfter().toInstant().getEpochSecond(),
                    value(scrape, "upstream_client", "billing"));
            assertTrue(scrape.contains("# HELP " + METRIC + " "), scrape);

            fx.writeConfig(config(dir, ""));
            assertTrue(fx.portcullis.reload());
            scrape = AdminScrape.afterGc(fx);
            assertFalse(scrape.contains("kind=\"client_ca\""), "the dropped client CA has no series left:\n" + scrape);
            assertEquals(server.certificate().getNotAfter().toInstant().getEpochSecond(), value(scrape, "server", "listen"));
        }
    }
}
