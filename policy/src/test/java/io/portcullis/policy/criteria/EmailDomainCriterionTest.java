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

class EmailDomainCriterionTest extends CriterionTable {

    private static final String EXACT = "{email_domain: {is: corp.com}}";
    private static final String SUBDOMAINS = "{email_domain: {is: .corp.com}}";
    private static final List<String> OK = List.of("email-domain-ok");
    private static final List<String> NO = List.of("email-domain-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(EXACT, Facts.user("email", "a@corp.com"), TRUE, OK),
                arguments(EXACT, Facts.user("email", "a@CORP.com"), TRUE, OK),
                arguments(EXACT, Facts.user("email", "a@badcorp.com"), FALSE, NO),
                arguments("{email_domain: {is: secure.io}}", Facts.user("email", "a@\u017Fecure.io"), FALSE, NO),
                arguments("{email_domain: {is: .secure.io}}", Facts.user("email", "a@x.\u017Fecure.io"), FALSE, NO),
                arguments(EXACT, Facts.user("email", "a@eu.corp.com"), FALSE, NO),
                arguments(EXACT, Facts.user("email", "a@corp.com.evil.io"), FALSE, NO),
                arguments(EXACT, Facts.user("email", "a@corp.co"), FALSE, NO),
                arguments(EXACT, Facts.user("email", "corp.com@evil.io"), FALSE, NO),
                arguments(EXACT, Facts.user("email", "a@evil.io@corp.com"), UNKNOWN, NO),
                arguments(EXACT, Facts.user("email", "a@"), UNKNOWN, NO),
                arguments(EXACT, Facts.user("email", "a@corp.com."), UNKNOWN, NO),
                arguments(EXACT, Facts.user("email", "a@corp..com"), UNKNOWN, NO),
                arguments(EXACT, Facts.user("email", "a@corp.com", "email_verified", false), UNKNOWN, NO),
                arguments(EXACT, Facts.anonymous(), UNKNOWN, NO),
                arguments(SUBDOMAINS, Facts.user("email", "a@eu.corp.com"), TRUE, OK),
                arguments(SUBDOMAINS, Facts.user("email", "a@x.eu.corp.com"), TRUE, OK),
                arguments(SUBDOMAINS, Facts.user("email", "a@corp.com"), FALSE, NO),
                arguments(SUBDOMAINS, Facts.user("email", "a@badcorp.com"), FALSE, NO),
                arguments(SUBDOMAINS, Facts.user("email", "a@.corp.com"), UNKNOWN, NO),
                arguments("{email_domain: {in: [corp.com, .corp.com]}}", Facts.user("email", "a@corp.com"), TRUE, OK),
                arguments("{email_domain: {in: [corp.com, .corp.com]}}", Facts.user("email", "a@x.corp.com"), TRUE, OK),
                arguments("{email_domain: {in: [corp.com, .corp.com]}}", Facts.user("email", "a@corp.org"), FALSE, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{email_domain: {is: a@corp.com}}", "test.yaml:1:21: email_domain.is: 'a@corp.com'"
                        + " is not a domain (write corp.com, or .corp.com for its subdomains)"),
                arguments("{email_domain: {is: '*.corp.com'}}", "test.yaml:1:21: email_domain.is: '*.corp.com'"
                        + " is not a domain (write corp.com, or .corp.com for its subdomains)"),
                arguments("{email_domain: corp.com}", "test.yaml:1:16: email_domain: expected a map, got a scalar"));
    }
}
