package io.portcullis.policy.logic;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
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

    /** A child with a fixed value that counts its evaluations and explains itself as {@code name}. */
    private static final class Fixed implements Condition {
        private final Tri value;
        private final String name;
        int evaluations;

        Fixed(Tri value, String name) {
            this.value = value;
            this.name = name;
        }

        @Override
        public Tri evaluate(PolicyInput input) {
            evaluations++;
            return value;
        }

        @Override
        public void explain(PolicyInput input, boolean failing, List<String> reasons) {
            reasons.add(name);
        }

        @Override
        public EnumSet<Tri> outcomesWithoutIdentity() {
            return EnumSet.of(value);
        }

        @Override
        public void collectCriteria(List<Criterion> out) {
        }
    }

    /** What explain gave before it kept the children's values: the node's value, then each child's again. */
    private static List<String> explainedByReevaluating(Junction node, List<Fixed> children, PolicyInput input) {
        Tri result = node.evaluate(input);
        List<String> reasons = new ArrayList<>();
        for (Fixed child : children) {
            if (child.evaluate(input) == result) {
                child.explain(input, true, reasons);
            }
        }
        return reasons;
    }

    @Test
    void explainNamesTheChildrenThatDecidedForEveryCombinationOfValues() {
        PolicyInput input = Facts.user("groups", "x").input();
        Tri[] values = Tri.values();
        for (int combination = 0; combination < 27; combination++) {
            List<Fixed> children = List.of(new Fixed(values[combination % 3], "a"),
                    new Fixed(values[combination / 3 % 3], "b"), new Fixed(values[combination / 9], "c"));
            List<Condition> asConditions = List.copyOf(children);
            for (Junction node : List.of(new AllOf(asConditions), new AnyOf(asConditions))) {
                List<String> reasons = new ArrayList<>();

                node.explain(input, true, reasons);

                assertEquals(explainedByReevaluating(node, children, input), reasons,
                        node.getClass().getSimpleName() + " of " + children.stream().map(c -> c.value).toList());
            }
        }
    }

    /** Every combination of three children: the Kleene fold's value, and no child after a dominant one runs. */
    @Test
    void evaluatesTheKleeneFoldAndStopsAtTheFirstDominantValue() {
        PolicyInput input = Facts.user("groups", "x").input();
        Tri[] values = Tri.values();
        for (int combination = 0; combination < 27; combination++) {
            Tri[] v = {values[combination % 3], values[combination / 3 % 3], values[combination / 9]};
            for (boolean and : new boolean[] {true, false}) {
                List<Fixed> children = List.of(new Fixed(v[0], "a"), new Fixed(v[1], "b"), new Fixed(v[2], "c"));
                Junction node = and ? new AllOf(List.copyOf(children)) : new AnyOf(List.copyOf(children));
                Tri dominant = and ? FALSE : TRUE;
                Tri folded = and ? v[0].and(v[1]).and(v[2]) : v[0].or(v[1]).or(v[2]);
                String what = (and ? "and of " : "or of ") + List.of(v);

                assertEquals(folded, node.evaluate(input), what);

                boolean stopped = false;
                for (Fixed child : children) {
                    assertEquals(stopped ? 0 : 1, child.evaluations, what);
                    stopped |= child.value == dominant;
                }
            }
        }
    }

    @Test
    void explainEvaluatesEachChildOnce() {
        List<Fixed> children = List.of(new Fixed(FALSE, "a"), new Fixed(TRUE, "b"), new Fixed(FALSE, "c"));
        List<String> reasons = new ArrayList<>();

        new AllOf(List.copyOf(children)).explain(Facts.user("groups", "x").input(), true, reasons);

        assertEquals(List.of("a", "c"), reasons);
        assertEquals(List.of(1, 1, 1), children.stream().map(c -> c.evaluations).toList());
    }

    @Test
    void aJunctionTooWideToRememberItsChildrenExplainsTheSame() {
        List<Condition> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new Fixed(i % 7 == 0 ? FALSE : TRUE, "c" + i));
        }
        List<String> reasons = new ArrayList<>();

        new AllOf(many).explain(Facts.user("groups", "x").input(), true, reasons);

        assertEquals(List.of("c0", "c7", "c14", "c21", "c28", "c35"), reasons);
    }
}
