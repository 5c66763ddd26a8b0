package io.portcullis.policy.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    static Stream<Arguments> comparisons() {
        return Stream.of(
                arguments("14.2", "14.2", 0), arguments("14.2.0", "14.2", 0), arguments("14.2", "14.2.0.0", 0),
                arguments("14.10", "14.2", 1), arguments("14.1.9", "14.2", -1), arguments("15", "14.2", 1),
                arguments("14", "14.2", -1), arguments("14.2.1", "14.2", 1), arguments("10.0.19045", "10.0.22000", -1),
                arguments("007.1", "7.1", 0),
                arguments("14.2-beta", "14.2", Numeric.INCOMPARABLE), arguments("14..2", "14.2", Numeric.INCOMPARABLE),
                arguments(".14", "14", Numeric.INCOMPARABLE), arguments("14.", "14", Numeric.INCOMPARABLE),
                arguments("", "14", Numeric.INCOMPARABLE), arguments("1234567890", "1", Numeric.INCOMPARABLE),
                arguments("1.2.3.4.5.6.7.8.9", "1", Numeric.INCOMPARABLE), arguments("v14", "14", Numeric.INCOMPARABLE));
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @MethodSource("comparisons")
    void comparesDottedNumbersPartByPart(String fact, String written, int sign) {
        assertEquals(sign, Version.parse(written).compareFact(fact));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1..2", "1.", ".1", "1.2-rc", "1234567890", "1.2.3.4.5.6.7.8.9"})
    void rejectsWhatIsNoVersion(String text) {
        assertNull(Version.parse(text));
    }
}
