package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class UserCriterionTest extends CriterionTable {

    private static final List<String> OK = List.of("user-ok");
    private static final List<String> NO = List.of("user-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{user: {is: alice}}", Facts.user().subject("alice"), TRUE, OK),
                arguments("{user: {is: alice}}", Facts.user().subject("Alice"), FALSE, NO),
                arguments("{user: {is: alice}}", Facts.user().subject("bob"), FALSE, NO),
                arguments("{user: {is: alice}}", Facts.user().subject(null), UNKNOWN, NO),
                arguments("{user: {is: alice}}", Facts.anonymous(), UNKNOWN, NO),
                arguments("{user: {in: [bob, alice]}}", Facts.user().subject("alice"), TRUE, OK),
                arguments("{user: {in: 1234}}", Facts.user().subject("1234"), TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{user: alice}", "test.yaml:1:8: user: expected a map, got a scalar"),
                arguments("{user: {is: [alice]}}", "test.yaml:1:13: user.is: expected a value, got a list"));
    }
}
