package io.portcullis.policy.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmailClaimTest {

    static Stream<Arguments> addresses() {
        return Stream.of(
                arguments("a@corp.com", true), arguments("first.last+tag@eu.corp.com", true),
                arguments("a@localhost", true),
                arguments("@corp.com", false), arguments("a@", false), arguments("a", false),
                arguments("a@b@corp.com", false), arguments("a@.corp.com", false), arguments("a@corp.com.", false),
                arguments("a@corp..com", false), arguments("a b@corp.com", false), arguments("a@corp.com\n", false),
                arguments("a@corp\u007f.com", false), arguments("", false));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("addresses")
    void acceptsOnlyOneAtANonEmptyLocalPartAndNonEmptyLabels(String address, boolean wellFormed) {
        assertEquals(wellFormed, EmailClaim.wellFormed(address));
    }
}
