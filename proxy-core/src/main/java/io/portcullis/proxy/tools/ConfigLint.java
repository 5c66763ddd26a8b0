package io.portcullis.proxy.tools;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.RouteLint;
import io.portcullis.policy.PolicyLint;
import io.portcullis.proxy.ConfigCompiler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every warning {@code check} prints for a valid config: unreachable routes, unused policies, allow
 * rules that can never match, and the compiler's own (deny rules a missing attribute decides, unused
 * conditions). In file order, each once.
 */
public final class ConfigLint {

    private ConfigLint() {
    }

    public static List<ConfigProblem> warnings(ConfigCompiler.Compiled compiled) {
        List<ConfigProblem> all = new ArrayList<>();
        all.addAll(RouteLint.unreachableRoutes(compiled.config()));
        all.addAll(PolicyLint.unusedPolicies(compiled.config()));
        all.addAll(PolicyLint.neverTrueAllowRules(compiled.policies()));
        all.addAll(compiled.policies().warnings());
        List<ConfigProblem> unique = new ArrayList<>(all.stream().distinct().toList());
        unique.sort(Comparator.comparing((ConfigProblem p) -> p.position().file())
                .thenComparingInt(p -> p.position().line())
                .thenComparingInt(p -> p.position().column()));
        return unique;
    }
}
