package io.portcullis.proxy.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.portcullis.config.ErrorPagesConfig;
import io.portcullis.config.PageTemplate;
import io.portcullis.config.PageTemplate.Field;
import io.portcullis.config.PageTemplate.Literal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator's template filled in: every value escaped, JSON kept for API clients, built-in page as fallback. */
class ErrorPageTest {

    private static final PageTemplate PAGE = new PageTemplate("403.html", List.of(new Literal("<p title=\""),
            new Field("reason"), new Literal("\">"), new Field("status"), new Literal(" "), new Field("status_text"),
            new Literal(" id="), new Field("request_id"), new Literal(" <a href=\""), new Field("support_url"),
            new Literal("\">help</a> "), new Field("explanation"), new Literal("</p>")));
    private static final ErrorPagesConfig PAGES = new ErrorPagesConfig(Path.of("pages"),
            URI.create("https://help.example/?a=1&b='2'"), Map.of("403", PAGE));

    private static String body(FullHttpResponse res) {
        try {
            return res.content().toString(StandardCharsets.UTF_8);
        } finally {
            res.release();
        }
    }

    @Test
    void everyValueIsEscapedWhereverTheTemplatePutsIt() {
        String html = ErrorPage.render(PAGE, HttpResponseStatus.FORBIDDEN, "\"><script>alert(1)</script>",
                "id'<b>&", PAGES.supportUrl());
        assertEquals("<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">403 Forbidden id=id&#39;&lt;b&gt;&amp;"
                + " <a href=\"https://help.example/?a=1&amp;b=&#39;2&#39;\">help</a> "
                + "Access to this page was refused by policy.</p>", html);
        assertFalse(html.contains("<script>"));
    }

    @Test
    void browsersGetTheTemplateApiClientsTheJsonBody() {
        FullHttpResponse page = ErrorResponses.build(PAGES, ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "policy-deny", "r-1", true, false);
        assertEquals("text/html; charset=utf-8", page.headers().get("Content-Type"));
        assertTrue(page.headers().get("Content-Security-Policy").startsWith("default-src 'none'"));
        String html = body(page);
        assertTrue(html.startsWith("<p title=\"policy-deny\">403 Forbidden id=r-1 "), html);

        FullHttpResponse json = ErrorResponses.build(PAGES, ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "policy-deny", "r-1", false, false);
        assertEquals("application/json", json.headers().get("Content-Type"));
        assertEquals("{\"status\":403,\"error\":\"forbidden\",\"reason\":\"policy-deny\",\"request_id\":\"r-1\"}\n",
                body(json));
    }

    @Test
    void aStatusWithoutTemplateGetsTheBuiltInPage() {
        String html = body(ErrorResponses.build(PAGES, ByteBufAllocator.DEFAULT, HttpResponseStatus.UNAUTHORIZED,
                "token-missing", "r-2", true, false));
        assertEquals(ErrorResponses.html(HttpResponseStatus.UNAUTHORIZED, "token-missing", "r-2"), html);
    }

    @Test
    void aHeadRequestGetsTheTemplatesLengthAndNoBody() {
        FullHttpResponse head = ErrorResponses.build(PAGES, ByteBufAllocator.DEFAULT, HttpResponseStatus.FORBIDDEN,
                "policy-deny", "r-3", true, true);
        String full = ErrorPage.render(PAGE, HttpResponseStatus.FORBIDDEN, "policy-deny", "r-3", PAGES.supportUrl());
        assertEquals(full.getBytes(StandardCharsets.UTF_8).length, head.headers().getInt("Content-Length"));
        assertEquals("", body(head));
    }
}
