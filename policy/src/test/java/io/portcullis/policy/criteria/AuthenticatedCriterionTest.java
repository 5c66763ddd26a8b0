package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class AuthenticatedCriterionTest extends CriterionTable {

    private static final List<String> AUTHENTICATED = List.of("authenticated");
    private static final List<String> UNAUTHENTICATED = List.of("unauthenticated");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{authenticated: true}", Facts.user("sub", "alice"), TRUE, AUTHENTICATED),
                arguments("{authenticated: true}", Facts.anonymous(), FALSE, UNAUTHENTICATED),
                arguments("{authenticated: false}", Facts.anonymous(), TRUE, UNAUTHENTICATED),
                arguments("{authenticated: false}", Facts.user("sub", "alice"), FALSE, AUTHENTICATED));
    }

    static Stream<Arguments> errors() {
        return Stream.of(arguments("{authenticated: \"true\"}",
                "test.yaml:1:17: authenticated: expected true or false, got a scalar"));
    }
}
