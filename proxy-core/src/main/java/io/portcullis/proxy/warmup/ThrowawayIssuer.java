package io.portcullis.proxy.warmup;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An issuer that exists only for one warm-up: an RSA 2048 and an EC P-256 key pair generated in this
 * process (the private halves never leave it), published as a JWKS on an ephemeral loopback port for
 * the warm-up's own identity service, and an issuer URL under {@code .invalid} that no real issuer can
 * have. No running config names it, so no token it signs can authenticate a real request.
 */
final class ThrowawayIssuer implements AutoCloseable {

    /** The issuer URLs' prefix: the {@code .invalid} TLD (RFC 2606) is never a real host. */
    static final String ISSUER_PREFIX = "https://warmup.portcullis.invalid/";

    private final RSAKey rsa;
    private final ECKey ec;
    private final HttpServer server;

    private ThrowawayIssuer(RSAKey rsa, ECKey ec, HttpServer server) {
        this.rsa = rsa;
        this.ec = ec;
        this.server = server;
    }

    /** Generates the keys and serves their public halves on loopback. */
    static ThrowawayIssuer start() {
        RSAKey rsa;
        ECKey ec;
        try {
            rsa = new RSAKeyGenerator(2048).keyID("warmup-rsa-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("warmup-ec-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the warm-up keys", e);
        }
        byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true)
                .getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return new ThrowawayIssuer(rsa, ec, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the warm-up keys on loopback", e);
        }
    }

    /** A managed, compliant, encrypted, patched device with its EDR running, as an MDM would describe it. */
    private static final Map<String, Object> HEALTHY_DEVICE = Map.of("device_id", "warmup-device", "managed", true,
            "compliant", true, "disk_encrypted", true, "edr_running", true, "firewall", true, "patch_age_days", 0);

    URI jwksUri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/jwks");
    }

    /** The issuer URL standing in for the config's issuer {@code id}. */
    static String issuerUrl(String id) {
        return ISSUER_PREFIX + id;
    }

    /**
     * A token of this issuer as {@code id}, for {@code audience}, signed with {@code alg} (RS256 or ES256),
     * with a healthy device's posture in the object claim {@code postureClaim} when it is not null (a config
     * whose posture comes from the identity token): the usual device tests of a policy pass, so the warm-up
     * runs the real policies' allow path, which real traffic takes, and not only their refusals.
     */
    String sign(String id, String audience, JWSAlgorithm alg, int n, String postureClaim) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (postureClaim != null) {
            builder.claim(postureClaim, HEALTHY_DEVICE);
        }
        JWTClaimsSet claims = builder
                .issuer(issuerUrl(id))
                .subject("warmup-" + n)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", "warmup-" + n + "@warmup.portcullis.invalid")
                .claim("groups", List.of("warmup"))
                .claim("amr", List.of("pwd", "otp"))
                .claim("auth_time", now.getEpochSecond())
                .build();
        boolean rs = JWSAlgorithm.RS256.equals(alg);
        try {
            JWSSigner signer = rs ? new RSASSASigner(rsa) : new ECDSASigner(ec);
            // Every other token says typ: JWT, as most providers' do, so that both shapes of header are
            // compiled before the first real one.
            JWSHeader.Builder header = new JWSHeader.Builder(alg).keyID(rs ? rsa.getKeyID() : ec.getKeyID());
            if (n % 2 == 1) {
                header.type(JOSEObjectType.JWT);
            }
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a warm-up token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
