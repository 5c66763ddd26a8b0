package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.SenderConstraintConfig.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An issuer's {@code sender_constraint}: the short and the long form, defaults, and each mistake at its place. */
class SenderConstraintBinderTest {

    /** The errors test's valid base file, with {@code text} added to its one issuer (line 6 on). */
    static String config(String text) {
        return ConfigLoaderErrorsTest.BASE.replace("    audiences: [portcullis]\n", "    audiences: [portcullis]\n" + text);
    }

    static SenderConstraintConfig bound(String text) throws ConfigException {
        return ConfigLoader.parse(config(text), "c.yaml").identity().issuers().get(0).senderConstraint();
    }

    static List<String> problems(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(text), "c.yaml"));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void absentMeansOptionalWithTheDefaultProofSettings() throws Exception {
        SenderConstraintConfig absent = bound("");
        assertEquals(SenderConstraintConfig.defaults(), absent);
        assertEquals(Mode.OPTIONAL, absent.mode());
        assertFalse(absent.dpopNonce());
        assertFalse(absent.dpopAlgorithms().contains("EdDSA"), "no proof algorithm the JDK cannot verify");
    }

    @Test
    void theShortFormSetsOnlyTheMode() throws Exception {
        assertEquals(SenderConstraintConfig.defaults().withMode(Mode.REQUIRED), bound("    sender_constraint: required\n"));
        assertEquals(Mode.NONE, bound("    sender_constraint: none\n").mode());
    }

    @Test
    void theLongFormBindsEveryField() throws Exception {
        SenderConstraintConfig full = bound("""
                    sender_constraint:
                      mode: required
                      dpop_algorithms: [ES256, PS256]
                      dpop_max_age: 30s
                      dpop_clock_skew: 2s
                      dpop_nonce: true
                """);
        assertEquals(new SenderConstraintConfig(Mode.REQUIRED, List.of("ES256", "PS256"), Duration.ofSeconds(30),
                Duration.ofSeconds(2), true), full);
    }

    @Test
    void mistakesAreReportedWhereTheyAre() {
        assertEquals(List.of("c.yaml:6:24: issuers[0].sender_constraint: expected none, optional or required,"
                + " got 'always'"), problems("    sender_constraint: always\n"));
        assertEquals(List.of("c.yaml:6:44: issuers[0].sender_constraint.dpop_algorithms[0]: HMAC algorithm 'HS256'"
                + " is not accepted: use an asymmetric algorithm"),
                problems("    sender_constraint: { dpop_algorithms: [HS256] }\n"));
        assertEquals(List.of("c.yaml:6:44: issuers[0].sender_constraint.dpop_algorithms[0]: algorithm 'none'"
                + " is never accepted: unsigned tokens prove nothing"),
                problems("    sender_constraint: { dpop_algorithms: [none] }\n"));
        assertTrue(problems("    sender_constraint: { dpop_algorithms: [EdDSA] }\n").get(0)
                .contains("'EdDSA' is not supported for DPoP proofs"));
        assertEquals(List.of("c.yaml:6:40: issuers[0].sender_constraint.dpop_max_age: must be at most 5m"),
                problems("    sender_constraint: { dpop_max_age: 1h }\n"));
        assertEquals(List.of("c.yaml:6:43: issuers[0].sender_constraint.dpop_clock_skew: must be at most 1m"),
                problems("    sender_constraint: { dpop_clock_skew: 2m }\n"));
        assertEquals(List.of("c.yaml:6:26: issuers[0].sender_constraint.dpop_nonces: unknown key 'dpop_nonces'"
                + " (did you mean 'dpop_nonce'?)"), problems("    sender_constraint: { dpop_nonces: true }\n"));
        assertEquals(1, problems("    sender_constraint: { dpop_algorithms: [] }\n").size());
        assertEquals(1, problems("    sender_constraint: [required]\n").size());
    }
}
