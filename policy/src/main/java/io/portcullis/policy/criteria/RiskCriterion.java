package io.portcullis.policy.criteria;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.RuleNodes;
import io.portcullis.policy.logic.AllOf;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.values.ComparisonOp;
import io.portcullis.policy.values.ValueTest;
import io.portcullis.policy.values.ValueTests;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code risk: {new_device: true, new_network: true, score: {gte: 50}}}: tests of the risk signals
 * the proxy computed. Several signals are AND-ed; each compiles to one {@link RiskSignalCriterion}
 * so a failure names its signal.
 */
public final class RiskCriterion {

    private RiskCriterion() {
    }

    public static Condition parse(MapNode.Entry entry) {
        MapNode signals = RuleNodes.operators(entry.value(), "risk", RiskSignalCriterion.Signal.KEYS);
        List<Condition> tests = new ArrayList<>();
        for (MapNode.Entry signal : signals.entries().values()) {
            String what = "risk." + signal.key();
            RiskSignalCriterion.Signal s = RiskSignalCriterion.Signal.named(signal.key());
            tests.add(new RiskSignalCriterion(signal.keyPosition(), s, test(s, signal, what)));
        }
        return tests.size() == 1 ? tests.get(0) : new AllOf(tests);
    }

    private static ValueTest test(RiskSignalCriterion.Signal signal, MapNode.Entry entry, String what) {
        if (signal == RiskSignalCriterion.Signal.SCORE) {
            return ValueTests.compile(RuleNodes.operators(entry.value(), what, ComparisonOp.NAMES), what);
        }
        boolean expected = RuleNodes.bool(entry.value(), what);
        return fact -> fact instanceof Boolean b ? Tri.of(b == expected) : Tri.UNKNOWN;
    }
}
