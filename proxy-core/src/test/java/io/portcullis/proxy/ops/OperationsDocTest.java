package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every alert in alerts.yml has a runbook section in operations.md, and its annotations point to it. */
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
}
