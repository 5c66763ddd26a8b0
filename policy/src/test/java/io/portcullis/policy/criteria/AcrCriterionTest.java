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

class AcrCriterionTest extends CriterionTable {

    private static final String SILVER_OR_GOLD = "{acr: {in: [silver, gold]}}";
    private static final List<String> OK = List.of("acr-ok");
    private static final List<String> NO = List.of("acr-unauthorized");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(SILVER_OR_GOLD, Facts.user("acr", "gold"), TRUE, OK),
                arguments(SILVER_OR_GOLD, Facts.user("acr", "bronze"), FALSE, NO),
                arguments(SILVER_OR_GOLD, Facts.user("amr", "gold"), UNKNOWN, NO),
                arguments(SILVER_OR_GOLD, Facts.user("acr", 2), UNKNOWN, NO),
                arguments(SILVER_OR_GOLD, Facts.anonymous(), UNKNOWN, NO),
                arguments("{acr: {is: \"urn:mace:incommon:iap:silver\"}}",
                        Facts.user("acr", "urn:mace:incommon:iap:silver"), TRUE, OK),
                arguments("{acr: {is: 1}}", Facts.user("acr", "1"), TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(arguments("{acr: {has: gold}}",
                "test.yaml:1:8: unknown operator 'has' for acr (expected one of: is, in)"));
    }
}
