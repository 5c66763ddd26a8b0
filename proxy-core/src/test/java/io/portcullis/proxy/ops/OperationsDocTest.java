package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * operations.md against the things it describes: every alert has a runbook section its annotation
 * links to, and the sample {@code check} output is what {@code check} prints for the compose config.
 */
class OperationsDocTest {

    private static List<Map<String, Object>> rules() {
        return JsonFiles.objects(Yamls.loadFile("docs/operations/alerts.yml").get("groups"), "groups").stream()
                .flatMap(g -> JsonFiles.objects(g.get("rules"), "rules").stream()).toList();
    }

    @Test
    void everyAlertHasARunbookSection() {
        String doc = RepoFiles.read("docs/operations/operations.md");
        List<Map<String, Object>> rules = rules();
        assertTrue(rules.size() >= 5);
        for (Map<String, Object> rule : rules) {
            String alert = Yamls.string(rule.get("alert"), "alert");
            assertTrue(doc.contains("\n### " + alert + "\n"), "operations.md has a section ### " + alert);
            assertEquals("docs/operations/operations.md#" + alert.toLowerCase(Locale.ROOT),
                    Yamls.stringAt(rule, "annotations", "runbook"));
        }
    }

    @Test
    void everyAlertHasASeverityAndAHumanSummary() {
        for (Map<String, Object> rule : rules()) {
            String alert = (String) rule.get("alert");
            String severity = Yamls.stringAt(rule, "labels", "severity");
            assertTrue(severity.equals("warning") || severity.equals("critical"), alert + ": " + severity);
            assertTrue(Yamls.stringAt(rule, "annotations", "summary").length() > 20, alert + " summary");
            assertTrue(Yamls.stringAt(rule, "annotations", "description").length() > 40, alert + " description");
        }
    }

    @Test
    void checkSampleOutputIsWhatCheckPrints() {
        String config = "deploy/portcullis/portcullis.yaml";
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = Main.run("check", "--config", RepoFiles.path(config).toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit, "the compose config is valid");
        String printed = captured.toString(StandardCharsets.UTF_8)
                .replace(RepoFiles.root().toString() + "/", "");
        String doc = RepoFiles.read("docs/operations/operations.md");
        String firstLine = printed.lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith(config + ":") && firstLine.contains("warning"), firstLine);
        assertTrue(doc.contains("# " + firstLine + "\n"), "operations.md shows: " + firstLine);
        assertTrue(printed.contains(config + ": OK (4 routes, 4 policies, 1 issuers, sha256 "));
        assertTrue(doc.contains("# " + config + ": OK (4 routes, 4 policies, 1 issuers, sha256 ...)"));
    }
}
