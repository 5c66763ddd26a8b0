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

class TokenCriterionTest extends CriterionTable {

    private static final List<String> BOUND = List.of("token-bound");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{token: {bound: dpop}}", Facts.user("sub", "alice").binding("dpop"), TRUE, BOUND),
                arguments("{token: {bound: dpop}}", Facts.user("sub", "alice").binding("dpop+mtls"), TRUE, BOUND),
                arguments("{token: {bound: dpop}}", Facts.user("sub", "alice").binding("mtls"), FALSE,
                        List.of("token-not-bound-dpop")),
                arguments("{token: {bound: mtls}}", Facts.user("sub", "alice").binding("mtls"), TRUE, BOUND),
                arguments("{token: {bound: mtls}}", Facts.user("sub", "alice").binding("dpop"), FALSE,
                        List.of("token-not-bound-mtls")),
                arguments("{token: {bound: any}}", Facts.user("sub", "alice").binding("mtls"), TRUE, BOUND),
                arguments("{token: {bound: any}}", Facts.user("sub", "alice").binding("unbound"), FALSE,
                        List.of("token-not-bound-any")),
                arguments("{token: {bound: any}}", Facts.user("sub", "alice").binding("not-checked"), FALSE,
                        List.of("token-not-bound-any")),
                arguments("{token: {bound: dpop}}", Facts.user("sub", "alice"), UNKNOWN,
                        List.of("token-not-bound-dpop")),
                arguments("{token: {bound: dpop}}", Facts.anonymous(), UNKNOWN, List.of("token-not-bound-dpop")));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{token: {bound: yes}}", "test.yaml:1:17: token.bound: expected dpop, mtls or any, got yes"),
                arguments("{token: {signed: dpop}}", "test.yaml:1:10: unknown operator 'signed' for token (expected one of: bound)"));
    }
}
