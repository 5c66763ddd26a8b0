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

class EmailCriterionTest extends CriterionTable {

    private static final String ALICE = "{email: {is: alice@corp.com}}";
    private static final List<String> OK = List.of("email-ok");
    private static final List<String> NO = List.of("email-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(ALICE, Facts.user("email", "alice@corp.com"), TRUE, OK),
                arguments(ALICE, Facts.user("email", "Alice@Corp.COM"), TRUE, OK),
                arguments(ALICE, Facts.user("email", "alice@corp.com", "email_verified", true), TRUE, OK),
                arguments(ALICE, Facts.user("email", "bob@corp.com"), FALSE, NO),
                arguments("{email: {is: kate@corp.com}}", Facts.user("email", "\u212Aate@corp.com"), FALSE, NO),
                arguments(ALICE, Facts.user("email", "alice@corp.com.evil.io"), FALSE, NO),
                arguments(ALICE, Facts.user("email", "alice@corp.com", "email_verified", false), UNKNOWN, NO),
                arguments(ALICE, Facts.user("email", "alice@corp.com@evil.io"), UNKNOWN, NO),
                arguments(ALICE, Facts.user("email", "@corp.com"), UNKNOWN, NO),
                arguments(ALICE, Facts.user("email", "alice @corp.com"), UNKNOWN, NO),
                arguments(ALICE, Facts.user("email", List.of("alice@corp.com")), UNKNOWN, NO),
                arguments(ALICE, Facts.user("sub", "alice"), UNKNOWN, NO),
                arguments(ALICE, Facts.anonymous(), UNKNOWN, NO),
                arguments("{email: {in: [bob@corp.com, alice@corp.com]}}", Facts.user("email", "alice@corp.com"), TRUE, OK),
                arguments("{email: {in: [bob@corp.com]}}", Facts.user("email", "alice@corp.com"), FALSE, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{email: {is: alice}}", "test.yaml:1:14: email.is: 'alice' is not an email address"),
                arguments("{email: {in: [a@b.c, x@@y]}}", "test.yaml:1:14: email.in: 'x@@y' is not an email address"),
                arguments("{email: {ends_with: corp.com}}", "test.yaml:1:10: unknown operator 'ends_with' for email"
                        + " (expected one of: is, in)"));
    }
}
