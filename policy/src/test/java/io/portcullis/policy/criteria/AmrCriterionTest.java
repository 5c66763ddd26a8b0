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

class AmrCriterionTest extends CriterionTable {

    private static final List<String> OK = List.of("amr-ok");
    private static final List<String> NO = List.of("amr-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("{amr: {has: otp}}", Facts.user("amr", List.of("pwd", "otp")), TRUE, OK),
                arguments("{amr: {has: otp}}", Facts.user("amr", "otp"), TRUE, OK),
                arguments("{amr: {has: otp}}", Facts.user("amr", List.of("pwd")), FALSE, NO),
                arguments("{amr: {has: otp}}", Facts.user("acr", "otp"), UNKNOWN, NO),
                arguments("{amr: {has: otp}}", Facts.anonymous(), UNKNOWN, NO),
                arguments("{amr: {has_any: [hwk, swk]}}", Facts.user("amr", List.of("pwd", "swk")), TRUE, OK),
                arguments("{amr: {has_any: [hwk, swk]}}", Facts.user("amr", List.of("pwd", "otp")), FALSE, NO),
                arguments("{amr: {has_all: [pwd, hwk]}}", Facts.user("amr", List.of("hwk", "pwd")), TRUE, OK),
                arguments("{amr: {has_all: [pwd, hwk]}}", Facts.user("amr", List.of("hwk")), FALSE, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(arguments("{amr: {is: otp}}",
                "test.yaml:1:8: unknown operator 'is' for amr (expected one of: has, has_any, has_all)"));
    }
}
