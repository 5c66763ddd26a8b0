package io.portcullis.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.SharedProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the listener through the real proxy: HTTP/2 via ALPN and HTTP/1.1 with the JDK client,
 * X-Forwarded-Proto https, old protocols and cleartext refused, and the certificate reloaded from disk.
 */
class TlsListenerTest {

    static final TestPki PKI = TestPki.create("Portcullis Test CA");
    @TempDir
    static Path dir;
    static ProxyFixture fx;

    static HttpClient h2;
    static HttpClient h1;

    @RegisterExtension
    static final SharedProxy PROXY = new SharedProxy(TlsListenerTest::prepare, f -> fx = f);

    /** Writes the server certificate and makes the clients; returns the config. */
    static String prepare() {
        PKI.server().write(dir, "server");
        SSLContext trust = PKI.clientContext(null);
        h2 = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
        h1 = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return tlsConfig(dir, "") + ProxyFixture.EXAMPLE;
    }

    /** The top-level tls block for the files in {@code dir}, plus {@code extra} keys. */
    static String tlsConfig(Path dir, String extra) {
        return "tls: { cert_file: " + dir.resolve("server.crt") + ", key_file: " + dir.resolve("server.key")
                + extra + " }\n";
    }



    URI uri(String path) {
        return URI.create("https://localhost:" + fx.port() + path);
    }

    HttpResponse<String> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void http2ThroughAlpnReachesTheUpstreamAsHttps() throws Exception {
        HttpResponse<String> r = get(h2, "/public/a?x=1");
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r.version(), "ALPN must select h2");
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertEquals("/public/a?x=1", seen.uri());
        assertEquals("https", seen.header("X-Forwarded-Proto"));
        assertEquals("localhost:" + fx.port(), seen.header("Host"), ":authority becomes the upstream Host");
        assertTrue(seen.headers().stream().noneMatch(h -> h.getKey().toLowerCase().startsWith("x-http2")),
                "Netty's conversion headers never reach the upstream: " + seen.headers());
    }

    @Test
    void http11OverTlsStillWorks() throws Exception {
        HttpResponse<String> r = get(h1, "/public/b");
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("https", fx.upstream.takeRequest(Duration.ofSeconds(5)).header("X-Forwarded-Proto"));
    }

    @Test
    void http2EnforcesLikeHttp11() throws Exception {
        HttpResponse<String> r = get(h2, "/admin/x", "X-Forwarded-User", "admin");
        assertEquals(401, r.statusCode());
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "no token: the upstream saw nothing");
    }

    @Test
    void http2PathsAreCanonicalBeforeRouting() throws Exception {
        HttpResponse<String> r = get(h2, "/public/%2e%2e/admin");
        assertNotEquals(200, r.statusCode(), "/public/../admin is /admin, which needs a token");
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
        assertEquals(200, get(h2, "/public//x/./y").statusCode());
        assertEquals("/public/x/y", fx.upstream.takeRequest(Duration.ofSeconds(5)).uri());
    }

    @Test
    void http2IdentityHeaderSpoofingIsScrubbed() throws Exception {
        HttpResponse<String> r = get(h2, "/public/c", "X-Forwarded-User", "admin", "x_forwarded_email", "a@b",
                "X-Forwarded-Proto", "http");
        assertEquals(200, r.statusCode());
        RecordedRequest seen = fx.upstream.takeRequest(Duration.ofSeconds(5));
        assertFalse(seen.hasHeader("X-Forwarded-User"));
        assertFalse(seen.hasHeader("x_forwarded_email"));
        assertEquals("https", seen.header("X-Forwarded-Proto"), "a client cannot claim the scheme");
    }

    @Test
    void oldProtocolsAndCleartextAreRefused() throws Exception {
        SSLContext ctx = PKI.clientContext(null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", fx.port())) {
            s.setEnabledProtocols(new String[] {"TLSv1.1"});
            s.setSoTimeout(5000);
            assertThrows(IOException.class, s::startHandshake);
        }
        try (var raw = fx.client()) {
            raw.send("GET /public/x HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertTrue(raw.closedByServer(), "plain HTTP on the TLS port gets no response");
        }
        assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)));
    }

    @Test
    void renewedCertificateIsServedToNewConnections() throws Exception {
        X509Certificate before = servedCertificate();
        TestPki.Issued renewed = PKI.server();
        renewed.write(dir, "server");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        X509Certificate now = servedCertificate();
        while (now.getSerialNumber().equals(before.getSerialNumber()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = servedCertificate();
        }
        assertEquals(renewed.certificate().getSerialNumber(), now.getSerialNumber());
        assertEquals(200, get(h2, "/public/after-renewal").statusCode());
    }

    X509Certificate servedCertificate() throws IOException {
        SSLContext ctx = PKI.clientContext(null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", fx.port())) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.setSoTimeout(5000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        } catch (SSLHandshakeException e) {
            throw new AssertionError("handshake failed", e);
        }
    }
}
