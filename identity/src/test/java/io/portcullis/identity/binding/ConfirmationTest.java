package io.portcullis.identity.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.identity.Confirmation;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cnf} as tokens carry it, well-formed or not: a binding we cannot read is never "unbound". */
class ConfirmationTest {

    static Stream<Object[]> cases() {
        Confirmation unverifiable = new Confirmation(null, null, true);
        return Stream.of(
                new Object[] {Map.of(), Confirmation.NONE},
                new Object[] {Map.of("cnf", Map.of("jkt", "abc")), new Confirmation("abc", null, false)},
                new Object[] {Map.of("cnf", Map.of("x5t#S256", "xyz")), new Confirmation(null, "xyz", false)},
                new Object[] {Map.of("cnf", Map.of("jkt", "abc", "x5t#S256", "xyz")), new Confirmation("abc", "xyz", false)},
                new Object[] {Map.of("cnf", Map.of("jkt", "abc", "kid", "k1")), new Confirmation("abc", null, false)},
                new Object[] {Map.of("cnf", "abc"), unverifiable},
                new Object[] {Map.of("cnf", Map.of()), unverifiable},
                new Object[] {Map.of("cnf", List.of("jkt")), unverifiable},
                new Object[] {Map.of("cnf", Map.of("jkt", 42)), unverifiable},
                new Object[] {Map.of("cnf", Map.of("jkt", "")), unverifiable},
                new Object[] {Map.of("cnf", Map.of("jkt", "abc", "x5t#S256", false)), unverifiable},
                new Object[] {Map.of("cnf", Map.of("jwk", Map.of("kty", "EC"))), unverifiable},
                new Object[] {Map.of("cnf", Map.of("x5t", "sha1-is-not-it")), unverifiable});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheBinding(Map<String, Object> claims, Confirmation expected) {
        Confirmation confirmation = Confirmation.of(claims);
        assertEquals(expected, confirmation);
        assertEquals(!claims.isEmpty(), confirmation.bound());
    }
}
