package io.portcullis.policy;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.compile.Hints;
import io.portcullis.policy.logic.Condition;
import io.portcullis.policy.require.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges {@code include: [..]} into each policy: the deny rules, requirements and challenge rules
 * of every included policy, and of what it includes in turn, are added to the policy's own. Deny
 * rules are OR-ed (any one fires); requirements and challenges are all checked, so the stricter
 * one wins. {@code allow} is never inherited: who may enter stays written in the policy itself.
 * An unknown id or an include cycle is a problem at the include.
 */
final class PolicyIncludes {

    /** What one policy contributes itself. */
    record Own(String id, Condition deny, List<Requirement> require, List<ChallengeRule> challenges,
               List<ScalarNode> include) {
    }

    /** A policy's own parts together with those of everything it includes, each part once. */
    record Merged(List<Condition> denies, List<Requirement> require, List<ChallengeRule> challenges) {

        /** The merged deny tree, or null when there is none. */
        Condition deny() {
            if (denies.isEmpty()) {
                return null;
            }
            return denies.size() == 1 ? denies.get(0) : new io.portcullis.policy.logic.AnyOf(denies);
        }
    }

    private final Map<String, Own> policies;
    private final List<ConfigProblem> problems;
    private final Map<String, Merged> done = new HashMap<>();
    private final List<String> resolving = new ArrayList<>();

    PolicyIncludes(Map<String, Own> policies, List<ConfigProblem> problems) {
        this.policies = policies;
        this.problems = problems;
    }

    Merged merged(String id) {
        Merged cached = done.get(id);
        if (cached != null) {
            return cached;
        }
        Own own = policies.get(id);
        List<Condition> denies = new ArrayList<>();
        List<Requirement> require = new ArrayList<>(own.require());
        List<ChallengeRule> challenges = new ArrayList<>(own.challenges());
        if (own.deny() != null) {
            denies.add(own.deny());
        }
        resolving.add(id);
        for (ScalarNode ref : own.include()) {
            String target = ref.value();
            if (!policies.containsKey(target)) {
                problems.add(new ConfigProblem(ref.position(), "include: unknown policy '" + target + "'"
                        + Hints.suggest(target, policies.keySet())));
            } else if (resolving.contains(target)) {
                List<String> cycle = new ArrayList<>(resolving.subList(resolving.indexOf(target), resolving.size()));
                cycle.add(target);
                problems.add(new ConfigProblem(ref.position(), "include: policy '" + target + "' includes itself: "
                        + String.join(" -> ", cycle)));
            } else {
                Merged inc = merged(target);
                addNew(denies, inc.denies());
                addNew(require, inc.require());
                addNew(challenges, inc.challenges());
            }
        }
        resolving.remove(resolving.size() - 1);
        Merged merged = new Merged(List.copyOf(denies), List.copyOf(require), List.copyOf(challenges));
        done.put(id, merged);
        return merged;
    }

    /** Adds each part not already there; a part reached through two includes counts once. */
    private static <T> void addNew(List<T> into, List<T> parts) {
        for (T part : parts) {
            boolean present = false;
            for (T existing : into) {
                present |= existing == part;
            }
            if (!present) {
                into.add(part);
            }
        }
    }
}
