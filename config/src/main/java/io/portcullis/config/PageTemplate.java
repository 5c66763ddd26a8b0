package io.portcullis.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An error page template read from {@code errors.templates}: HTML with {@code {{ field }}}
 * placeholders, parsed at load time so a typo is a {@code check} error at its file, line and column.
 * The fields are {@code status}, {@code status_text}, {@code reason}, {@code request_id},
 * {@code explanation} and {@code support_url}; the proxy HTML-escapes every value it fills in.
 *
 * @param file  the template file, for messages
 * @param parts literal HTML and field names in order
 */
public record PageTemplate(String file, List<Part> parts) {

    /** The fields a template may name. */
    public static final Set<String> FIELDS = Set.of("status", "status_text", "reason", "request_id", "explanation",
            "support_url");

    /** One piece of a template. */
    public sealed interface Part permits Literal, Field {
    }

    /** HTML sent as written. */
    public record Literal(String html) implements Part {
    }

    /** A value filled in, escaped. */
    public record Field(String name) implements Part {
    }

    public PageTemplate {
        parts = List.copyOf(parts);
    }

    /** Whether the template names {@code field}. */
    public boolean uses(String field) {
        return parts.contains(new Field(field));
    }

    /** Parses {@code text}; each mistake is added to {@code problems} at its line and column in {@code file}. */
    static PageTemplate parse(String file, String text, Problems problems) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                problems.add(at(file, text, open), "", "'{{' is never closed by '}}'");
                break;
            }
            String name = text.substring(open + 2, close).strip();
            if (FIELDS.contains(name)) {
                parts.add(new Field(name));
            } else {
                problems.add(at(file, text, open), "", "unknown field '{{ " + name + " }}'"
                        + KeySuggester.suggest(name, FIELDS).map(k -> " (did you mean '" + k + "'?)").orElse("")
                        + "; the fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
            i = close + 2;
        }
        return new PageTemplate(file, parts);
    }

    private static Position at(String file, String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(file, line, offset - lineStart + 1);
    }
}
