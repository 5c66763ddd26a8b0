package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code errors.templates}: read and parsed at load, each mistake a problem at its file (and line). */
class ErrorPagesBinderTest {

    @TempDir
    Path dir;

    private Path config(String errors) throws Exception {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, ConfigLoaderErrorsTest.BASE + errors);
        return file;
    }

    private List<String> problems(String errors) throws Exception {
        Path file = config(errors);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        return e.problems().stream().map(ConfigProblem::format).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    void templatesAreFoundRelativeToTheConfigAndChosenByStatusThenClassThenDefault() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("403.html"), "<h1>{{ status }} {{status_text}}</h1><p>{{ reason }} {{ request_id }}</p>");
        Files.writeString(pages.resolve("4xx.html"), "client {{ status }}");
        Files.writeString(pages.resolve("default.html"), "other {{ status }} <a href=\"{{ support_url }}\">help</a>");
        Files.writeString(pages.resolve("notes.txt"), "ignored: not .html");
        ErrorPagesConfig c = ConfigLoader.load(config("errors: { templates: pages, support_url: https://help.example/ }"))
                .transport().errorPages();
        assertEquals(pages, c.templates());
        assertEquals("https://help.example/", c.supportUrl().toString());
        assertEquals(List.of(new PageTemplate.Literal("<h1>"), new PageTemplate.Field("status"),
                new PageTemplate.Literal(" "), new PageTemplate.Field("status_text"), new PageTemplate.Literal("</h1><p>"),
                new PageTemplate.Field("reason"), new PageTemplate.Literal(" "), new PageTemplate.Field("request_id"),
                new PageTemplate.Literal("</p>")), c.forStatus(403).parts());
        assertEquals(List.of(new PageTemplate.Literal("client "), new PageTemplate.Field("status")), c.forStatus(401).parts());
        assertEquals(c.pages().get("default"), c.forStatus(502));
    }

    @Test
    void withoutTheSectionThePagesAreBuiltIn() throws Exception {
        ErrorPagesConfig c = ConfigLoader.load(config("")).transport().errorPages();
        assertNull(c.forStatus(403));
    }

    @Test
    void aMissingTemplateIsTheBuiltInPage() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("403.html"), "denied");
        ErrorPagesConfig c = ConfigLoader.load(config("errors: { templates: pages }")).transport().errorPages();
        assertNull(c.forStatus(401));
        assertNull(c.forStatus(502));
    }

    @Test
    void everyTemplateMistakeIsReportedAtItsFileLineAndColumn() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("403.html"), "<html>\n  <p>{{ reqest_id }}</p>\n");
        Files.writeString(pages.resolve("404.html"), "ok\n{{ status ");
        Files.writeString(pages.resolve("oops.html"), "x");
        Files.write(pages.resolve("500.html"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        Files.writeString(pages.resolve("default.html"), "{{ support_url }}");
        // in the order of their places (line, then column), as every problem
        assertEquals(List.of(
                "pages/500.html:1:1: is not UTF-8",
                "pages/oops.html:1:1: not a template name: use a status (403.html), a class (4xx.html) or default.html",
                "pages/default.html:1:1: uses {{ support_url }} but errors.support_url is not set",
                "pages/404.html:2:1: '{{' is never closed by '}}'",
                "pages/403.html:2:6: unknown field '{{ reqest_id }}' (did you mean 'request_id'?); the fields are"
                        + " explanation, reason, request_id, status, status_text, support_url"),
                problems("errors: { templates: pages }"));
    }

    @Test
    void theDirectoryMustExist() throws Exception {
        assertEquals(List.of("portcullis.yaml:14:22: errors.templates: 'nowhere' is not a directory (resolved to nowhere)"),
                problems("errors: { templates: nowhere }"));
    }
}
