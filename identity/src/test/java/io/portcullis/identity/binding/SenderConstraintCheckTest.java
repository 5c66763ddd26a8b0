package io.portcullis.identity.binding;

import static io.portcullis.identity.binding.ProofBed.TOKEN;
import static io.portcullis.identity.binding.ProofBed.URI;
import static io.portcullis.identity.binding.ProofBed.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.config.SenderConstraintConfig.Mode;
import io.portcullis.fixtures.DPoPClient;
import io.portcullis.identity.Confirmation;
import io.portcullis.identity.binding.Presentation.Scheme;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issuer's mode against every kind of token and presentation: DPoP-bound, certificate-bound, both,
 * unbound, bound in a way we cannot check; as Bearer or DPoP; with the right, another or no client
 * certificate. Proofs and certificates are real.
 */
class SenderConstraintCheckTest {

    private static final DPoPClient CLIENT = DPoPClient.es256();
    private static final X509Certificate CERT = ClientCertificates.issue("client");
    private static final X509Certificate OTHER_CERT = ClientCertificates.issue("client");

    private static final Confirmation UNBOUND = Confirmation.NONE;
    private static final Confirmation DPOP_BOUND = new Confirmation(CLIENT.thumbprint(), null, false);
    private static final Confirmation CERT_BOUND = new Confirmation(null, CertificateThumbprint.of(CERT), false);
    private static final Confirmation BOTH = new Confirmation(CLIENT.thumbprint(), CertificateThumbprint.of(CERT), false);
    private static final Confirmation UNCHECKABLE = Confirmation.of(Map.of("cnf", Map.of("jwk", Map.of("kty", "EC"))));

    /** How the token arrives. */
    enum Way { BEARER, BEARER_WITH_CERT, BEARER_WITH_OTHER_CERT, DPOP_WITH_PROOF, DPOP_WITHOUT_PROOF, DPOP_WITH_PROOF_AND_CERT }

    static Presentation present(Way way) {
        List<String> proof = List.of(CLIENT.proof("GET", URI, TOKEN));
        return switch (way) {
            case BEARER -> new Presentation(Scheme.BEARER, TOKEN, List.of(), "GET", URI, null);
            case BEARER_WITH_CERT -> new Presentation(Scheme.BEARER, TOKEN, List.of(), "GET", URI, CERT);
            case BEARER_WITH_OTHER_CERT -> new Presentation(Scheme.BEARER, TOKEN, List.of(), "GET", URI, OTHER_CERT);
            case DPOP_WITH_PROOF -> new Presentation(Scheme.DPOP, TOKEN, proof, "GET", URI, null);
            case DPOP_WITHOUT_PROOF -> new Presentation(Scheme.DPOP, TOKEN, List.of(), "GET", URI, null);
            case DPOP_WITH_PROOF_AND_CERT -> new Presentation(Scheme.DPOP, TOKEN, proof, "GET", URI, CERT);
        };
    }

    static Object ok(Binding binding) {
        return new BindingOutcome.Accepted(binding);
    }

    static Object no(BindingFailure reason) {
        return new BindingOutcome.Refused(reason);
    }

    static Stream<Object[]> cases() {
        return Stream.of(
                // mode none: nothing is checked, not even a wrong certificate
                new Object[] {Mode.NONE, DPOP_BOUND, Way.BEARER, ok(Binding.NOT_CHECKED)},
                new Object[] {Mode.NONE, CERT_BOUND, Way.BEARER_WITH_OTHER_CERT, ok(Binding.NOT_CHECKED)},
                new Object[] {Mode.NONE, UNCHECKABLE, Way.BEARER, ok(Binding.NOT_CHECKED)},
                // optional
                new Object[] {Mode.OPTIONAL, UNBOUND, Way.BEARER, ok(Binding.UNBOUND)},
                new Object[] {Mode.OPTIONAL, UNBOUND, Way.DPOP_WITH_PROOF, no(BindingFailure.DPOP_TOKEN_NOT_BOUND)},
                new Object[] {Mode.OPTIONAL, DPOP_BOUND, Way.DPOP_WITH_PROOF, ok(Binding.DPOP)},
                new Object[] {Mode.OPTIONAL, DPOP_BOUND, Way.BEARER, no(BindingFailure.BOUND_TOKEN_AS_BEARER)},
                new Object[] {Mode.OPTIONAL, DPOP_BOUND, Way.DPOP_WITHOUT_PROOF, no(BindingFailure.DPOP_PROOF_MISSING)},
                new Object[] {Mode.OPTIONAL, CERT_BOUND, Way.BEARER_WITH_CERT, ok(Binding.MTLS)},
                new Object[] {Mode.OPTIONAL, CERT_BOUND, Way.BEARER_WITH_OTHER_CERT,
                        no(BindingFailure.CERT_THUMBPRINT_MISMATCH)},
                new Object[] {Mode.OPTIONAL, CERT_BOUND, Way.BEARER, no(BindingFailure.CLIENT_CERT_MISSING)},
                new Object[] {Mode.OPTIONAL, CERT_BOUND, Way.DPOP_WITH_PROOF, no(BindingFailure.DPOP_TOKEN_NOT_BOUND)},
                new Object[] {Mode.OPTIONAL, BOTH, Way.DPOP_WITH_PROOF_AND_CERT, ok(Binding.DPOP_AND_MTLS)},
                new Object[] {Mode.OPTIONAL, BOTH, Way.DPOP_WITH_PROOF, no(BindingFailure.CLIENT_CERT_MISSING)},
                new Object[] {Mode.OPTIONAL, BOTH, Way.BEARER_WITH_CERT, no(BindingFailure.BOUND_TOKEN_AS_BEARER)},
                new Object[] {Mode.OPTIONAL, UNCHECKABLE, Way.BEARER, no(BindingFailure.TOKEN_BINDING_UNSUPPORTED)},
                // required
                new Object[] {Mode.REQUIRED, UNBOUND, Way.BEARER, no(BindingFailure.TOKEN_NOT_BOUND)},
                new Object[] {Mode.REQUIRED, UNBOUND, Way.BEARER_WITH_CERT, no(BindingFailure.TOKEN_NOT_BOUND)},
                new Object[] {Mode.REQUIRED, DPOP_BOUND, Way.DPOP_WITH_PROOF, ok(Binding.DPOP)},
                new Object[] {Mode.REQUIRED, DPOP_BOUND, Way.BEARER, no(BindingFailure.BOUND_TOKEN_AS_BEARER)},
                new Object[] {Mode.REQUIRED, CERT_BOUND, Way.BEARER_WITH_CERT, ok(Binding.MTLS)},
                new Object[] {Mode.REQUIRED, CERT_BOUND, Way.BEARER_WITH_OTHER_CERT,
                        no(BindingFailure.CERT_THUMBPRINT_MISMATCH)},
                new Object[] {Mode.REQUIRED, UNCHECKABLE, Way.DPOP_WITH_PROOF, no(BindingFailure.TOKEN_BINDING_UNSUPPORTED)});
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void eachModeTokenAndPresentation(Mode mode, Confirmation confirmation, Way way, Object expected) {
        SenderConstraintConfig config = SenderConstraintConfig.defaults().withMode(mode);
        SenderConstraintCheck check = new SenderConstraintCheck(config, ProofBed.settings());
        assertEquals(expected, now(check.check(present(way), confirmation)));
    }

    @org.junit.jupiter.api.Test
    void aKeyProvenEarlierForThisExchangeSkipsOnlyTheProof() {
        SenderConstraintCheck check = new SenderConstraintCheck(
                SenderConstraintConfig.defaults().withMode(Mode.REQUIRED), ProofBed.settings());
        assertEquals(ok(Binding.DPOP), now(check.check(present(Way.DPOP_WITHOUT_PROOF), DPOP_BOUND, CLIENT.thumbprint())),
                "the token's key was proven at the upgrade");
        assertEquals(no(BindingFailure.DPOP_PROOF_MISSING),
                now(check.check(present(Way.DPOP_WITHOUT_PROOF), DPOP_BOUND, DPoPClient.es256().thumbprint())),
                "another key proven proves nothing about this token");
        assertEquals(no(BindingFailure.BOUND_TOKEN_AS_BEARER),
                now(check.check(present(Way.BEARER), DPOP_BOUND, CLIENT.thumbprint())), "the scheme rules still hold");
        assertEquals(no(BindingFailure.CLIENT_CERT_MISSING),
                now(check.check(present(Way.DPOP_WITHOUT_PROOF), BOTH, CLIENT.thumbprint())), "and the certificate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void theThumbprintIsOfTheWholeDerCertificate(X509Certificate certificate) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        assertEquals(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                CertificateThumbprint.of(certificate));
        assertNotEquals(CertificateThumbprint.of(CERT), CertificateThumbprint.of(OTHER_CERT),
                "two certificates with one subject are still two bindings");
    }

    static Stream<X509Certificate> certificates() {
        return Stream.of(CERT, OTHER_CERT);
    }
}
