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

class AuthZenCriterionTest extends CriterionTable {

    private static final String BY_SEGMENT =
            "{authzen: {pdp: docs, action: can_read, resource: {type: document, id: {path_segment: 2}}}}";
    private static final String BY_CLAIM =
            "{authzen: {pdp: docs, action: can_read, resource: {type: tenant, id: {claim: org.id}}}}";
    private static final String FIXED = "{authzen: {pdp: docs, action: admin, resource: {type: app, id: portal}}}";
    private static final List<String> OK = List.of("authzen-permitted");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(BY_SEGMENT, Facts.user().path("/docs/42/edit").pdp("docs", "can_read", "document", "42", true),
                        TRUE, OK),
                arguments(BY_SEGMENT, Facts.user().path("/docs/42").pdp("docs", "can_read", "document", "42", false),
                        FALSE, List.of("authzen-denied")),
                // the answer is about another document: this one was not answered
                arguments(BY_SEGMENT, Facts.user().path("/docs/43").pdp("docs", "can_read", "document", "42", true),
                        UNKNOWN, List.of("pdp-unavailable")),
                arguments(BY_SEGMENT, Facts.user().path("/docs/42").pdpUnavailable(), UNKNOWN,
                        List.of("pdp-unavailable")),
                arguments(BY_SEGMENT, Facts.user().path("/docs/42"), UNKNOWN, List.of("pdp-unavailable")),
                arguments(BY_SEGMENT, Facts.user().path("/docs").pdpUnavailable(), UNKNOWN,
                        List.of("authzen-resource-unknown")),
                arguments(BY_SEGMENT, Facts.user().path("/docs/").pdpUnavailable(), UNKNOWN,
                        List.of("authzen-resource-unknown")),
                arguments(BY_SEGMENT, Facts.anonymous().path("/docs/42"), UNKNOWN, List.of("authzen-subject-unknown")),
                // another subject's answer is not this one's
                arguments(BY_SEGMENT, Facts.user().subject("bob").path("/docs/42")
                        .pdp("docs", "can_read", "document", "42", true).subject("alice"), UNKNOWN,
                        List.of("pdp-unavailable")),
                arguments(BY_CLAIM, Facts.user("org", java.util.Map.of("id", "acme"))
                        .pdp("docs", "can_read", "tenant", "acme", true), TRUE, OK),
                arguments(BY_CLAIM, Facts.user("org", java.util.Map.of("id", List.of("acme"))).pdpUnavailable(),
                        UNKNOWN, List.of("authzen-resource-unknown")),
                arguments(FIXED, Facts.user().pdp("docs", "admin", "app", "portal", true), TRUE, OK),
                arguments(FIXED, Facts.user().pdp("other", "admin", "app", "portal", true), UNKNOWN,
                        List.of("pdp-unavailable")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{authzen: {pdp: docs, action: read}}", "test.yaml:1:11: authzen: 'resource' is required"),
                arguments("{authzen: {pdp: docs, action: read, resource: {type: doc}}}",
                        "test.yaml:1:47: authzen.resource: 'id' is required"),
                arguments("{authzen: {pdp: docs, action: read, resource: {type: doc, id: {path_segment: 0}}}}",
                        "test.yaml:1:78: authzen.resource.id.path_segment: expected a segment number from 1, got '0'"),
                arguments("{authzen: {pdp: docs, action: read, resource: {type: doc, id: {segment: 2}}}}",
                        "test.yaml:1:64: unknown operator 'segment' for authzen.resource.id"
                                + " (expected one of: path_segment, claim)"),
                arguments("{authzen: {pdp: docs, acton: read}}",
                        "test.yaml:1:23: unknown operator 'acton' for authzen (did you mean 'action'?)"),
                arguments("{authzen: docs}", "test.yaml:1:11: authzen: expected a map, got a scalar"));
    }
}
