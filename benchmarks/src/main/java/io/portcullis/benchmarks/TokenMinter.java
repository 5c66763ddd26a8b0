package io.portcullis.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The identity provider of the load harness ({@code bench/run.sh}): starts an {@link EmbeddedIssuer}
 * on a fixed loopback port, writes the Portcullis config, the issuer's public keys as PEM (for
 * HAProxy's {@code jwt_verify}), pre-minted valid tokens (one to repeat, and files of distinct ones)
 * and the negative tokens every proxy must refuse; then serves the JWKS until killed.
 *
 * <p>Usage: {@code TokenMinter DIR ISSUER_PORT LISTEN_PORT ADMIN_PORT UPSTREAM_URL DISTINCT_COUNT}.
 * Writes {@code DIR/ready} last.
 */
public final class TokenMinter {

    private static final Duration LIFETIME = Duration.ofHours(3);

    private TokenMinter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: TokenMinter DIR ISSUER_PORT LISTEN_PORT ADMIN_PORT UPSTREAM_URL DISTINCT_COUNT");
            System.exit(2);
        }
        // Signing tens of thousands of tokens with the JDK's RSA and EC takes minutes; this process
        // only mints, so the native provider may serve every algorithm here (Portcullis never does).
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            AmazonCorrettoCryptoProvider.install();
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int issuerPort = Integer.parseInt(args[1]);
        int distinct = Integer.parseInt(args[5]);
        EmbeddedIssuer issuer = EmbeddedIssuer.start("127.0.0.1", issuerPort, "/realms/bench");
        write(dir.resolve("portcullis.yaml"), BenchConfig.yaml(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                issuer.issuerUrl(), issuer.jwksUri(), args[4], 0));
        write(dir.resolve("issuer.txt"), issuer.issuerUrl());
        writePublicKeys(issuer, dir);
        write(dir.resolve("token-rs256.txt"), BenchTokens.valid(issuer, JWSAlgorithm.RS256, 0, LIFETIME));
        write(dir.resolve("token-es256.txt"), BenchTokens.valid(issuer, JWSAlgorithm.ES256, 0, LIFETIME));
        DPoPProofMinter.writeKeyAndTokens(issuer, dir, LIFETIME);
        writeNegatives(issuer, dir.resolve("negative"));
        long start = System.nanoTime();
        mint(issuer, JWSAlgorithm.RS256, distinct, dir.resolve("tokens-rs256.txt"));
        mint(issuer, JWSAlgorithm.ES256, distinct, dir.resolve("tokens-es256.txt"));
        System.err.printf("minted 2 x %d distinct tokens in %d ms%n", distinct,
                (System.nanoTime() - start) / 1_000_000);
        write(dir.resolve("ready"), Instant.now().toString());
        Thread.currentThread().join();
    }

    /** Mints in blocks, so a hundred thousand tokens never sit in memory at once. */
    private static void mint(EmbeddedIssuer issuer, JWSAlgorithm alg, int count, Path file) throws IOException {
        int block = 5_000;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int from = 1; from <= count; from += block) {
                String tokens = IntStream.range(from, Math.min(count, from + block - 1) + 1).parallel()
                        .mapToObj(n -> BenchTokens.valid(issuer, alg, n, LIFETIME))
                        .collect(Collectors.joining("\n", "", "\n"));
                out.write(tokens);
            }
        }
    }

    /** Each must be refused by every proxy under test; the harness checks that before measuring. */
    private static void writeNegatives(EmbeddedIssuer issuer, Path dir) throws IOException {
        Files.createDirectories(dir);
        Instant past = Instant.now().minus(Duration.ofHours(2));
        Map<String, String> negatives = Map.of(
                "bad-signature", issuer.token().claim("device", Map.of("compliant", true)).signedWithForeignKey(),
                "bad-signature-es256", issuer.token().algorithm(JWSAlgorithm.ES256)
                        .claim("device", Map.of("compliant", true)).signedWithForeignKey(),
                "expired", issuer.token().claim("device", Map.of("compliant", true))
                        .issuedAt(past).expiresIn(Duration.ofMinutes(10)).sign(),
                "wrong-audience", issuer.token().claim("device", Map.of("compliant", true))
                        .audience("someone-else").sign(),
                "alg-none", issuer.token().claim("device", Map.of("compliant", true)).unsigned(),
                "hs256-with-rsa-public-key", issuer.token().claim("device", Map.of("compliant", true))
                        .hmacWithPublicKey(),
                "device-not-compliant", issuer.token().claim("device", Map.of("compliant", false)).sign());
        for (Map.Entry<String, String> e : negatives.entrySet()) {
            write(dir.resolve(e.getKey() + ".txt"), e.getValue());
        }
    }

    /** The published keys as SubjectPublicKeyInfo PEM, as read from the issuer's own JWKS endpoint. */
    private static void writePublicKeys(EmbeddedIssuer issuer, Path dir) throws IOException, ParseException,
            JOSEException {
        JWKSet jwks;
        try (InputStream in = URI.create(issuer.jwksUri()).toURL().openStream()) {
            jwks = JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JWK rsa = jwks.getKeyByKeyId(issuer.rsaKid());
        JWK ec = jwks.getKeyByKeyId(issuer.ecKid());
        write(dir.resolve("rsa-public.pem"), pem(((RSAKey) rsa).toPublicKey()));
        write(dir.resolve("ec-public.pem"), pem(((ECKey) ec).toPublicKey()));
    }

    private static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text.endsWith("\n") ? text : text + "\n", StandardCharsets.UTF_8);
    }

    /** Kept so a reader sees every file the harness expects in one place. */
    static final List<String> FILES = List.of("portcullis.yaml", "issuer.txt", "rsa-public.pem", "ec-public.pem",
            "token-rs256.txt", "token-es256.txt", DPoPProofMinter.KEY_FILE, DPoPProofMinter.BOUND_TOKEN_FILE,
            DPoPProofMinter.UNBOUND_TOKEN_FILE, "tokens-rs256.txt", "tokens-es256.txt", "negative/", "ready");
}
