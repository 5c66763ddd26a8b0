package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.TRUE;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class PublicCriterionTest extends CriterionTable {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{public: true}", Facts.anonymous(), TRUE, List.of("public")),
                arguments("{public: true}", Facts.user("sub", "alice").ip(null).path(null), TRUE, List.of("public")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{public: false}",
                        "test.yaml:1:10: public: only 'public: true' is allowed; to refuse everyone leave out 'allow'"),
                arguments("{public: yes}", "test.yaml:1:10: public: expected true or false, got a scalar"),
                arguments("{public: }", "test.yaml:1:9: public: expected true or false, got nothing"));
    }
}
