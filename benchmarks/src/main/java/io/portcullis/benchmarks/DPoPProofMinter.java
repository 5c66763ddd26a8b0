package io.portcullis.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The DPoP side of the load harness ({@code bench/run.sh}, mode {@code dpop}). {@link TokenMinter} calls
 * {@link #writeKeyAndTokens} once: a client's P-256 key, a token bound to it ({@code cnf.jkt}) and its
 * unbound twin (the same claims, no {@code cnf}), so the two runs differ by the binding check only.
 * Run as a program right before each measured run, it writes that many single-use ES256 proofs for
 * {@code GET} on one URI: each proof's {@code jti} is new and its {@code iat} is now, so the proxy's
 * {@code dpop_max_age} (60 s by default) must cover the minting plus the run.
 *
 * <p>Usage: {@code DPoPProofMinter DIR HTU COUNT OUT_FILE} (DIR holds what {@link #writeKeyAndTokens} wrote).
 */
public final class DPoPProofMinter {

    static final String KEY_FILE = "dpop-key.json";
    static final String BOUND_TOKEN_FILE = "token-dpop.txt";
    static final String UNBOUND_TOKEN_FILE = "token-dpop-unbound.txt";

    private DPoPProofMinter() {
    }

    /** Writes the client key (private: the harness plays the client), the bound token and its unbound twin. */
    static void writeKeyAndTokens(EmbeddedIssuer issuer, Path dir, Duration lifetime) throws IOException, JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Files.writeString(dir.resolve(KEY_FILE), key.toJSONString() + "\n", StandardCharsets.UTF_8);
        String jkt = key.toPublicJWK().computeThumbprint().toString();
        Files.writeString(dir.resolve(BOUND_TOKEN_FILE),
                BenchTokens.dpopBound(issuer, JWSAlgorithm.RS256, 0, lifetime, jkt) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(UNBOUND_TOKEN_FILE),
                BenchTokens.valid(issuer, JWSAlgorithm.RS256, 0, lifetime) + "\n", StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException, ParseException, JOSEException {
        if (args.length != 4) {
            System.err.println("usage: DPoPProofMinter DIR HTU COUNT OUT_FILE");
            System.exit(2);
        }
        // As in TokenMinter: this process only signs, so the native provider may serve it.
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            AmazonCorrettoCryptoProvider.install();
        }
        Path dir = Path.of(args[0]);
        URI htu = URI.create(args[1]);
        int count = Integer.parseInt(args[2]);
        ECKey key = ECKey.parse(Files.readString(dir.resolve(KEY_FILE), StandardCharsets.UTF_8).trim());
        DPoPAccessToken token = new DPoPAccessToken(
                Files.readString(dir.resolve(BOUND_TOKEN_FILE), StandardCharsets.UTF_8).trim());
        DPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        long start = System.nanoTime();
        int block = 5_000;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
            for (int from = 0; from < count; from += block) {
                out.write(IntStream.range(from, Math.min(count, from + block)).parallel()
                        .mapToObj(i -> proof(factory, htu, token))
                        .collect(Collectors.joining("\n", "", "\n")));
            }
        }
        System.err.printf("minted %d DPoP proofs for GET %s in %d ms%n", count, htu,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String proof(DPoPProofFactory factory, URI htu, DPoPAccessToken token) {
        try {
            // The factory draws a fresh random jti and sets iat to now for every proof.
            return factory.createDPoPJWT("GET", htu, token).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
