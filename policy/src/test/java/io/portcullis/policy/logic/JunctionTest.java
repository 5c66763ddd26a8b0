package io.portcullis.policy.logic;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JunctionTest {

    private static final Condition GROUP = PolicyYaml.rule("{groups: {has: g}}");
    private static final Condition PUBLIC = PolicyYaml.rule("{public: true}");
    private static final Condition ANONYMOUS = PolicyYaml.rule("{authenticated: false}");
    private static final Condition SOURCE = PolicyYaml.rule("{source_ip: {in: [10.0.0.0/8]}}");

    @Test
    void aJunctionNeedsChildren() {
        assertThrows(IllegalArgumentException.class, () -> new AllOf(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new AnyOf(List.of()));
    }

    @Test
    void foldsOutcomesWithoutIdentityWithKleeneLogic() {
        assertEquals(EnumSet.of(UNKNOWN), GROUP.outcomesWithoutIdentity());
        assertEquals(EnumSet.of(TRUE), new AnyOf(List.of(GROUP, PUBLIC)).outcomesWithoutIdentity());
        assertEquals(EnumSet.of(UNKNOWN), new AllOf(List.of(GROUP, PUBLIC)).outcomesWithoutIdentity());
        assertEquals(EnumSet.of(FALSE, UNKNOWN), new AllOf(List.of(GROUP, SOURCE)).outcomesWithoutIdentity());
        assertEquals(EnumSet.of(FALSE), new Not(ANONYMOUS).outcomesWithoutIdentity());
        assertEquals(EnumSet.of(TRUE, UNKNOWN), new AnyOf(List.of(GROUP, SOURCE)).outcomesWithoutIdentity());
    }

    @Test
    void collectsEveryCriterionInWrittenOrder() {
        List<Criterion> out = new ArrayList<>();
        new AllOf(List.of(SOURCE, new Not(new AnyOf(List.of(GROUP, PUBLIC))))).collectCriteria(out);
        assertEquals(List.of(SOURCE, GROUP, PUBLIC), out);
    }

    @Test
    void explainsWithoutRepeatingAReason() {
        Condition twice = new AllOf(List.of(GROUP, PolicyYaml.rule("{groups: {has: h}}")));
        List<String> reasons = new ArrayList<>();
        twice.explain(Facts.user("groups", "x").input(), true, reasons);
        assertEquals(List.of("groups-unauthorized"), reasons);
    }
}
