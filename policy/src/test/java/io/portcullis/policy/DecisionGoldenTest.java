package io.portcullis.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.testing.Facts;
import io.portcullis.policy.testing.PolicyYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pins every Decision (outcome, reasons in order, rule, step-up) of a set of policies over many
 * seeded random inputs to what the engine gave before the evaluation path was restructured for
 * speed (issue 6). The expected lines were captured by running that code, not written by hand;
 * {@code -Dgolden.write=<file>} writes them again from the code under test.
 */
class DecisionGoldenTest {

    private static final String GOLDEN = "decisions-golden.txt";
    private static final int INPUTS = 150;
    private static final long SEED = 20261126L;
    private static final long NOW = Facts.NOW.getEpochSecond();

    private static final String POLICIES = ExamplePolicyTest.EXAMPLE + """
              any-of:
                allow:
                  or:
                    - groups: { has: admins }
                    - claim: { name: dept, is: eng }
                    - device: { compliant: true }
              nested:
                allow:
                  and:
                    - or: [ { groups: { has_any: [a, b] } }, { amr: { has: otp } } ]
                    - not: { device: { jailbroken: true } }
                    - http_method: { in: [GET, POST] }
              nor:
                allow:
                  nor: [ { groups: { has: banned } }, { claim: { name: level, lt: 2 } } ]
              not-list:
                allow:
                  not: [ { groups: { has: a } }, { device: { compliant: false } } ]
              repeated:
                allow:
                  and:
                    - groups: { has: a }
                    - groups: { has: b }
                    - or: [ { device: { compliant: true } }, { device: { managed: true } } ]
              multi-device:
                allow:
                  device: { compliant: true, os_version: { gte: "14.2" }, patch_age_days: { lte: 30 } }
                deny:
                  and:
                    - http_method: { is: DELETE }
                    - not: { groups: { has: admins } }
              stepped:
                allow: { groups: { has_any: [staff, admins] } }
                require: { mfa: true }
                challenge:
                  - when: { source_ip: { not_in: [127.0.0.0/8] } }
                    require: { max_auth_age: 1h }
                  - when: { risk: { new_device: true } }
                    require: { mfa: true, max_auth_age: 15m }
              authenticated-only:
                allow: { authenticated: true }
                deny: { groups: { has: banned } }
              deny-only:
                deny: { groups: { has: banned } }
            """;

    private static final PolicySet SET = PolicyYaml.policies(POLICIES);

    @Test
    void everyDecisionIsTheOneCapturedBeforeTheRestructuring() throws IOException {
        List<Facts> inputs = inputs();
        List<String> actual = decisions(inputs);
        String write = System.getProperty("golden.write");
        if (write != null) {
            Files.write(Path.of(write), actual, StandardCharsets.UTF_8);
        }
        List<String> expected = golden();
        assertEquals(expected.size(), actual.size(), "one captured decision per policy and input");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "input " + inputs.get(i % INPUTS));
        }
    }

    /** The inputs reach every outcome and part, so the pinned lines cover each evaluation path. */
    @Test
    void theInputsReachEveryOutcomeAndEveryDecidingPart() {
        Set<String> rules = new TreeSet<>();
        for (Policy policy : SET.policies().values()) {
            for (Facts facts : inputs()) {
                rules.add(policy.evaluate(facts.input()).rule());
            }
        }
        assertEquals(Set.of("allow", "deny", "require", "challenge", "default"), rules);
        Policy example = SET.get("admins-on-compliant-devices").orElseThrow();
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (Facts facts : inputs()) {
            outcomes.add(example.evaluate(facts.input()).outcome());
        }
        assertEquals(EnumSet.allOf(Outcome.class), outcomes, "the example policy reaches every outcome");
    }

    /** One line per policy and input, policies in the order written. */
    private static List<String> decisions(List<Facts> inputs) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Policy> e : SET.policies().entrySet()) {
            for (int i = 0; i < inputs.size(); i++) {
                lines.add("#" + i + " " + e.getValue().evaluate(inputs.get(i).input()));
            }
        }
        return lines;
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = DecisionGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " is on the test class path");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.size() > INPUTS, "the captured file is not empty");
            return lines;
        }
    }

    /**
     * Seeded, so the same inputs every run: facts present, absent, of the wrong type. Every other
     * input is the example's good admin with each fact changed one time in four, so the allow,
     * require and challenge paths are reached as often as the refusals.
     */
    private static List<Facts> inputs() {
        Random random = new Random(SEED);
        List<Facts> inputs = new ArrayList<>(INPUTS);
        for (int i = 0; i < INPUTS; i++) {
            boolean admin = i % 2 == 1;
            Facts facts = !admin && random.nextInt(10) == 0 ? Facts.anonymous()
                    : Facts.user(pairs(random, admin, CLAIMS));
            if (!admin && random.nextInt(7) == 0) {
                facts.withoutDevice();
            } else {
                facts.device(pairs(random, admin, DEVICE));
            }
            facts.ip((String) fact(random, admin, "127.0.0.1", "10.1.2.3", "::1", "127.9.9.9"));
            facts.method((String) fact(random, admin, "GET", "POST", "DELETE"));
            int risk = random.nextInt(3);
            facts.risk(risk == 0 ? null : new RiskFacts(risk == 2, false, 10));
            inputs.add(facts);
        }
        return inputs;
    }

    /** Stands for a fact the input does not carry. */
    private static final Object ABSENT = new Object();

    /** Per claim: the good admin's value first, then other values; ABSENT leaves the claim out. */
    private static final Map<String, Object[]> CLAIMS = orderedMap(
            "groups", new Object[] {List.of("staff", "admins"), "admins", List.of("a", "b"), List.of("a"),
                List.of("banned", "admins"), List.of("staff"), "b", 42, ABSENT},
            "amr", new Object[] {List.of("pwd", "otp"), "otp", List.of("pwd"), "pwd", List.of("hwk"), 7, ABSENT},
            "auth_time", new Object[] {NOW - 3600, NOW - 60, NOW - 4000, NOW - 9 * 3600, "x", ABSENT},
            "dept", new Object[] {ABSENT, "eng", "hr", 1},
            "level", new Object[] {ABSENT, 1, 3, "3"});

    private static final Map<String, Object[]> DEVICE = orderedMap(
            "compliant", new Object[] {true, false, "true", ABSENT},
            "patch_age_days", new Object[] {5, 30, 31, "5", ABSENT},
            "os_version", new Object[] {"14.2", "14.1", "15", "x", ABSENT},
            "jailbroken", new Object[] {false, true, ABSENT},
            "managed", new Object[] {ABSENT, true, false});

    private static Object[] pairs(Random random, boolean admin, Map<String, Object[]> facts) {
        List<Object> pairs = new ArrayList<>();
        for (Map.Entry<String, Object[]> e : facts.entrySet()) {
            Object value = fact(random, admin, e.getValue());
            if (value != ABSENT) {
                pairs.add(e.getKey());
                pairs.add(value);
            }
        }
        return pairs.toArray();
    }

    /** The first value for the admin three times in four, otherwise any of them. */
    private static Object fact(Random random, boolean admin, Object... values) {
        if (admin && random.nextInt(4) != 0) {
            return values[0];
        }
        return values[random.nextInt(values.length)];
    }

    private static Map<String, Object[]> orderedMap(Object... nameValues) {
        Map<String, Object[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put((String) nameValues[i], (Object[]) nameValues[i + 1]);
        }
        return m;
    }
}
