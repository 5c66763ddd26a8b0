package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericTest {

    static Stream<Arguments> comparisons() {
        return Stream.of(
                arguments("30", 30L, 0), arguments("30", 31, 1), arguments("30", (short) 29, -1),
                arguments("30", 30.0, 0), arguments("30", 30.5, 1), arguments("2.5", 2, -1),
                arguments("-1", -1L, 0), arguments("+7", 7, 0), arguments("1e3", 1000, 0),
                arguments("9007199254740993", 9007199254740992L, -1), // beyond double precision, still exact
                arguments("1.5", new BigDecimal("1.5"), 0),
                arguments("1", Double.NaN, Numeric.INCOMPARABLE));
    }

    @ParameterizedTest(name = "{1} vs {0} = {2}")
    @MethodSource("comparisons")
    void comparesJsonNumbersWithoutLosingIntegers(String written, Number fact, int sign) {
        assertEquals(sign, Numeric.parse(written).compareFact(fact));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "0x10", "1e999", ".5", "1_000"})
    void rejectsWhatIsNoPlainNumber(String text) {
        assertNull(Numeric.parse(text));
    }
}
