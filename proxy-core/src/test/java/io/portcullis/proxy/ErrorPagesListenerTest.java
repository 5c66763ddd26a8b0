package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code errors.templates} on the real listener: a browser's refusal comes from the operator's page. */
class ErrorPagesListenerTest {

    @TempDir
    Path pages;

    @Test
    void browsersGetTheOperatorsPageAndApiClientsJson() throws Exception {
        Files.writeString(pages.resolve("401.html"),
                "<h1>Sign in</h1><p>{{ reason }} / {{ request_id }} / <a href=\"{{ support_url }}\">help</a></p>");
        Files.writeString(pages.resolve("default.html"), "<h1>{{ status }} {{ status_text }}</h1>");
        try (ProxyFixture fx = new ProxyFixture(CorpOnly.with("""
                errors:
                  templates: %s
                  support_url: https://help.example/portcullis
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: ${UPSTREAM}
                    policy: users
                policies:
                  users:
                    allow: { authenticated: true }
                """.formatted(pages)))) {
            try (RawHttp c = fx.client()) {
                RawHttp.Response browser = c.get("/app/x", "Accept: text/html,application/xhtml+xml");
                assertEquals(401, browser.status());
                String id = browser.header("X-Request-Id");
                assertEquals("<h1>Sign in</h1><p>token-missing / " + id
                        + " / <a href=\"https://help.example/portcullis\">help</a></p>", browser.body());
                assertTrue(browser.header("Content-Type").startsWith("text/html"));

                RawHttp.Response api = c.get("/app/x", "Accept: application/json");
                assertEquals(401, api.status());
                assertTrue(api.body().startsWith("{\"status\":401,\"error\":\"unauthorized\",\"reason\":\"token-missing\""),
                        api.body());

                RawHttp.Response noRoute = c.get("/elsewhere", "Accept: text/html");
                assertEquals(404, noRoute.status());
                assertEquals("<h1>404 Not Found</h1>", noRoute.body());

                // Portcullis's own endpoints answer with the same pages (no SSO here: a 404)
                RawHttp.Response own = c.get("/.portcullis/callback?code=x", "Accept: text/html");
                assertEquals(404, own.status());
                assertEquals("<h1>404 Not Found</h1>", own.body());
            }
            assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)), "nothing was forwarded");
        }
    }
}
