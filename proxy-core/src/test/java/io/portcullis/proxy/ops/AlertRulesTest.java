package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert rules, tested the way Prometheus evaluates them: {@code promtool test rules} runs
 * docs/operations/alerts.test.yml (each alert fired and not fired on made-up series). promtool comes
 * with Debian's {@code prometheus} package, which .ci/run installs; where it is missing, those checks
 * are skipped with the reason. That every alert has a rule test is checked everywhere.
 */
class AlertRulesTest {

    private static final Path DIR = RepoFiles.path("docs/operations");

    private static Set<String> alerts() {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> group : JsonFiles.objects(Yamls.loadFile("docs/operations/alerts.yml").get("groups"), "groups")) {
            for (Map<String, Object> rule : JsonFiles.objects(group.get("rules"), "rules")) {
                names.add(Yamls.string(rule.get("alert"), "alert"));
            }
        }
        return names;
    }

    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Map<String, Object> tests = Yamls.loadFile("docs/operations/alerts.test.yml");
        assertEquals(List.of("alerts.yml"), tests.get("rule_files"));
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Map<String, Object> test : JsonFiles.objects(tests.get("tests"), "tests")) {
            for (Map<String, Object> check : JsonFiles.objects(test.get("alert_rule_test"), "alert_rule_test")) {
                String name = Yamls.string(check.get("alertname"), "alertname");
                boolean fires = check.get("exp_alerts") instanceof List<?> l && !l.isEmpty();
                (fires ? firing : quiet).add(name);
            }
        }
        assertEquals(alerts(), firing, "every alert has a case where it fires");
        assertEquals(alerts(), quiet, "every alert has a case where it does not");
    }

    @Test
    void rulesAreValidForPrometheus() throws Exception {
        String out = promtool("check", "rules", "alerts.yml");
        assertTrue(out.contains("SUCCESS: " + alerts().size() + " rules found"), out);
    }

    @Test
    void ruleUnitTestsPassInPromtool() throws Exception {
        String out = promtool("test", "rules", "alerts.test.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    /** Runs promtool in docs/operations; fails with its output when it exits non-zero. */
    private static String promtool(String... args) throws Exception {
        assumeTrue(HostTools.onPath("promtool"), "promtool is not installed (Debian package prometheus; .ci/run installs it): "
                + "the alert rules are not evaluated here");
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
