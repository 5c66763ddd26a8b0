package io.portcullis.proxy.tools.policytest;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.compile.Hints;
import java.util.List;

/** Reports keys a policy-test map does not know, so a misspelt {@code expcet:} never passes silently. */
final class StrictKeys {

    private StrictKeys() {
    }

    static void check(MapNode map, String what, List<String> known, List<ConfigProblem> problems) {
        for (MapNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                problems.add(new ConfigProblem(e.keyPosition(), what + ": unknown key '" + e.key() + "'"
                        + Hints.suggest(e.key(), known)));
            }
        }
    }
}
