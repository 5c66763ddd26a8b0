package io.portcullis.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code errors} section: HTML pages for the proxy's own refusals and errors, from a template
 * directory. Only browsers get them; API clients keep the JSON body. A status without a template
 * falls back to its class ({@code 4xx.html}, {@code 5xx.html}), then {@code default.html}, then the
 * built-in page.
 *
 * @param templates  the directory the templates were read from, null when none
 * @param supportUrl the link {@code {{ support_url }}} fills in, null when none
 * @param pages      template by file stem ({@code 403}, {@code 4xx}, {@code default})
 */
public record ErrorPagesConfig(Path templates, URI supportUrl, Map<String, PageTemplate> pages) {

    public ErrorPagesConfig {
        pages = Map.copyOf(pages);
    }

    /** Built-in pages only. */
    public static ErrorPagesConfig builtIn() {
        return new ErrorPagesConfig(null, null, Map.of());
    }

    /** The template for {@code status}, or null for the built-in page. */
    public PageTemplate forStatus(int status) {
        if (pages.isEmpty()) {
            return null;
        }
        PageTemplate t = pages.get(Integer.toString(status));
        if (t == null) {
            t = pages.get((status / 100) + "xx");
        }
        return t != null ? t : pages.get("default");
    }
}
