package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.net.URI;
import java.security.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature checks give the same answers whichever provider verifies: the native one where it loads,
 * and the JDK's (the fallback). Real keys from a real issuer's JWKS, real tokens.
 */
class SignatureCheckTest {

    private static EmbeddedIssuer issuer;
    private static List<JWK> published;

    @BeforeAll
    static void start() throws Exception {
        issuer = EmbeddedIssuer.start("/sig");
        published = JWKSet.load(URI.create(issuer.jwksUri()).toURL()).getKeys();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    /** Each provider setting under test: the one in use (native where it loads) and the JDK's alone. */
    static Stream<Provider> providers() {
        return Arrays.stream(new Provider[] {SignatureCheck.fastProvider(), null});
    }

    private static boolean check(String token, Provider provider) throws Exception {
        return SignatureCheck.verify(CompactJws.parse(token), published, provider);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void validSignaturesVerify(Provider provider) throws Exception {
        assertTrue(check(issuer.token().algorithm(JWSAlgorithm.RS256).sign(), provider));
        assertTrue(check(issuer.token().algorithm(JWSAlgorithm.ES256).sign(), provider));
        assertTrue(check(issuer.token().algorithm(JWSAlgorithm.RS512).sign(), provider));
        assertTrue(check(issuer.token().algorithm(JWSAlgorithm.PS256).sign(), provider));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void foreignKeysAreRefused(Provider provider) throws Exception {
        assertFalse(check(issuer.token().algorithm(JWSAlgorithm.RS256).signedWithForeignKey(), provider));
        assertFalse(check(issuer.token().algorithm(JWSAlgorithm.ES256).signedWithForeignKey(), provider));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aSignatureOverOtherClaimsIsRefused(Provider provider) throws Exception {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
            String[] honest = issuer.token().algorithm(alg).subject("alice").sign().split("\\.");
            String[] other = issuer.token().algorithm(alg).subject("mallory").sign().split("\\.");
            assertFalse(check(honest[0] + "." + other[1] + "." + honest[2], provider), alg.getName());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anAllZeroEcdsaSignatureIsRefused(Provider provider) throws Exception {
        // CVE-2022-21449: r = s = 0 verified anything on some JDKs.
        String[] parts = issuer.token().algorithm(JWSAlgorithm.ES256).sign().split("\\.");
        String zeros = Base64URL.encode(new byte[64]).toString();
        assertFalse(check(parts[0] + "." + parts[1] + "." + zeros, provider));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aKeyOfAnotherTypeBeforeTheSigningKeyChangesNothing(Provider provider) throws Exception {
        // The JDK's delegating Signature can be left unusable after refusing a key; engines are reused.
        List<JWK> rsaFirst = published.stream().sorted((a, b) -> a.getKeyType().equals(KeyType.RSA) ? -1 : 1).toList();
        List<JWK> ecFirst = published.stream().sorted((a, b) -> a.getKeyType().equals(KeyType.EC) ? -1 : 1).toList();
        for (int round = 0; round < 3; round++) {
            assertTrue(SignatureCheck.verify(CompactJws.parse(issuer.token().algorithm(JWSAlgorithm.ES256).sign()),
                    rsaFirst, provider));
            assertTrue(SignatureCheck.verify(CompactJws.parse(issuer.token().algorithm(JWSAlgorithm.RS256).sign()),
                    ecFirst, provider));
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void anEcdsaSignatureOfTheWrongLengthIsRefused(Provider provider) throws Exception {
        String[] parts = issuer.token().algorithm(JWSAlgorithm.ES256).sign().split("\\.");
        byte[] signature = Base64URL.from(parts[2]).decode();
        byte[] longer = Arrays.copyOf(signature, signature.length + 1);
        assertFalse(check(parts[0] + "." + parts[1] + "." + Base64URL.encode(longer), provider));
        assertFalse(check(parts[0] + "." + parts[1] + "." + Base64URL.encode(Arrays.copyOf(signature, 63)),
                provider));
    }

    @Test
    void theNativeProviderLoadsOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch")));
        assertNotNull(SignatureCheck.fastProvider());
        assertEquals("AmazonCorrettoCryptoProvider", SignatureCheck.fastProvider().getName());
    }

    @Test
    void thePropertyForcesTheJdkProviders() {
        String before = System.getProperty(FastSignatureProvider.DISABLE_PROPERTY);
        System.setProperty(FastSignatureProvider.DISABLE_PROPERTY, "false");
        try {
            assertNull(FastSignatureProvider.load());
        } finally {
            if (before == null) {
                System.clearProperty(FastSignatureProvider.DISABLE_PROPERTY);
            } else {
                System.setProperty(FastSignatureProvider.DISABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void onlyPkcs1AndEcdsaGoToTheNativeProvider() {
        assertTrue(FastSignatureProvider.handles(JWSAlgorithm.RS256));
        assertTrue(FastSignatureProvider.handles(JWSAlgorithm.ES256));
        assertFalse(FastSignatureProvider.handles(JWSAlgorithm.PS256));
        assertFalse(FastSignatureProvider.handles(JWSAlgorithm.HS256));
    }
}
