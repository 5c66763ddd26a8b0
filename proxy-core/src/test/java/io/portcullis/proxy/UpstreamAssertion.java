package io.portcullis.proxy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.fixtures.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * The signed identity assertion as an upstream receives it: a config block that makes the proxy sign
 * one (with the test P-256 key), and the check an upstream would make of what it got (the signature
 * against that key's public half, then the claims).
 */
public final class UpstreamAssertion {

    /** The header the routes of these tests carry it in. */
    public static final String HEADER = "X-Portcullis-Assertion";

    private static final String PEM;

    static {
        try (InputStream in = UpstreamAssertion.class.getResourceAsStream("/sso/assertion-p256.pem")) {
            PEM = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UpstreamAssertion() {
    }

    /** A top-level {@code assertion} block whose key file is written to {@code dir}. */
    public static String configBlock(Path dir) {
        try {
            Path key = Files.writeString(dir.resolve("assertion.pem"), PEM);
            return "assertion:\n  key_file: " + key + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claims of the assertion the upstream saw, after its signature verified; fails when absent or forged. */
    public static JWTClaimsSet verified(RecordedRequest seen) {
        String value = seen.header(HEADER);
        if (value == null) {
            throw new AssertionError("the upstream got no " + HEADER);
        }
        try {
            ECKey key = JWK.parseFromPEMEncodedObjects(PEM).toECKey().toPublicJWK();
            SignedJWT jwt = SignedJWT.parse(value);
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw new AssertionError("the assertion's signature does not verify with the proxy's key");
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a signed assertion: " + e.getMessage(), e);
        }
    }
}
