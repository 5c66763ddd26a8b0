package io.portcullis.policy.values;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.Tri;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainsTest {

    private static final List<Literal> AB = Literal.strings(List.of("a", "b"));

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(false, List.of("x", "b"), TRUE), arguments(false, List.of("x"), FALSE),
                arguments(false, "a", TRUE), arguments(false, "x", FALSE), arguments(false, List.of(), FALSE),
                arguments(false, List.of("x", 1), UNKNOWN), arguments(false, List.of(1, "a"), TRUE),
                arguments(false, 7, UNKNOWN),
                arguments(true, List.of("b", "a"), TRUE), arguments(true, List.of("a"), FALSE),
                arguments(true, "a", FALSE), arguments(true, List.of("a", 1), UNKNOWN),
                arguments(true, List.of("x", 1), UNKNOWN));
    }

    @ParameterizedTest(name = "all={0} on {1}: {2}")
    @MethodSource("cases")
    void looksForTheLiteralsInAListOrASingleValue(boolean all, Object fact, Tri expected) {
        assertEquals(expected, (all ? Contains.all(AB) : Contains.any(AB)).test(fact));
    }
}
