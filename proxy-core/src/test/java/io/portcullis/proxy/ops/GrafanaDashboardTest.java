package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is importable as is: unique panel ids and layout, every query bound to the
 * data-source variable (so it works with whatever Prometheus the operator picks), and every panel
 * the operations guide promises.
 */
class GrafanaDashboardTest {

    private final Map<String, Object> dashboard = JsonFiles.loadFile("docs/operations/grafana-dashboard.json");

    private List<Map<String, Object>> panels() {
        return JsonFiles.objects(dashboard.get("panels"), "panels");
    }

    @Test
    void panelsHaveUniqueIdsAndALayout() {
        Set<Object> ids = new HashSet<>();
        for (Map<String, Object> panel : panels()) {
            assertTrue(ids.add(panel.get("id")), "duplicate panel id " + panel.get("id"));
            Map<String, Object> grid = Yamls.mapAt(panel, "gridPos");
            for (String k : List.of("h", "w", "x", "y")) {
                assertTrue(grid.get(k) instanceof Number, panel.get("title") + " gridPos." + k);
            }
            long right = ((Number) grid.get("x")).longValue() + ((Number) grid.get("w")).longValue();
            assertTrue(right <= 24, panel.get("title") + " fits the 24-column grid");
        }
        assertEquals("portcullis", dashboard.get("uid"), "a stable uid keeps links and provisioning stable");
    }

    @Test
    void everyQueryUsesTheDatasourceVariable() {
        Map<String, Object> variable = JsonFiles.objects(Yamls.at(dashboard, "templating", "list"), "templating").stream()
                .filter(v -> "datasource".equals(v.get("name"))).findFirst().orElseThrow();
        assertEquals("datasource", variable.get("type"));
        assertEquals("prometheus", variable.get("query"));
        int queries = 0;
        for (Map<String, Object> panel : panels()) {
            if ("row".equals(panel.get("type"))) {
                continue;
            }
            assertEquals("${datasource}", Yamls.at(panel, "datasource", "uid"), panel.get("title") + "");
            List<Map<String, Object>> targets = JsonFiles.objects(panel.get("targets"), "targets");
            assertFalse(targets.isEmpty(), panel.get("title") + " has a query");
            Set<Object> refIds = new HashSet<>();
            for (Map<String, Object> t : targets) {
                assertTrue(refIds.add(t.get("refId")), panel.get("title") + " refIds are unique");
                assertEquals("${datasource}", Yamls.at(t, "datasource", "uid"));
                queries++;
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
    }

    @Test
    void hasThePanelsTheOperationsGuideDescribes() {
        Set<Object> titles = new HashSet<>();
        panels().forEach(p -> titles.add(p.get("title")));
        for (String title : List.of("Requests by decision", "Refusals by reason", "Deny rate by route",
                "Upstream failures by route", "Decision latency", "Upstream latency", "JWKS fetch failures by issuer",
                "Stale keys by issuer", "Config reloads", "Open connections")) {
            assertTrue(titles.contains(title), "panel " + title);
        }
    }
}
