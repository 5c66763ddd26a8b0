package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds {@code errors: { templates: DIR, support_url: URL }}. Every {@code .html} file of the
 * directory is read and parsed at load time: a name that is not a status ({@code 403.html}), a class
 * ({@code 4xx.html}) or {@code default.html}, a file that is not UTF-8 or too large, an unknown field
 * or an unclosed placeholder is a problem at that file, so {@code check} finds it before a user does.
 */
final class ErrorPagesBinder {

    /** Largest template read: an error page is small, and a huge one would be sent for every refusal. */
    static final int MAX_TEMPLATE_BYTES = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("(4\\d\\d|5\\d\\d|4xx|5xx|default)\\.html");

    private ErrorPagesBinder() {
    }

    static ErrorPagesConfig bind(Node node, Problems problems) {
        MapReader r = MapReader.of(node, "errors", problems).orElse(null);
        if (r == null) {
            return ErrorPagesConfig.builtIn();
        }
        Path dir = r.optional("templates", ErrorPagesBinder::directory, null);
        URI support = r.optional("support_url", Values.parsed(HttpUrls::parse), null);
        r.finish();
        Map<String, PageTemplate> pages = dir == null ? Map.of() : read(dir, r.node("templates").orElseThrow().position(),
                problems);
        if (support == null) {
            for (PageTemplate t : pages.values()) {
                if (t.uses("support_url")) {
                    problems.add(new Position(t.file(), 1, 1), "", "uses {{ support_url }} but errors.support_url is not set");
                }
            }
        }
        return new ErrorPagesConfig(dir, support, pages);
    }

    private static Path directory(Node node, String path, Problems problems) {
        String text = Values.string().read(node, path, problems);
        if (text == null) {
            return null;
        }
        try {
            Path dir = ConfigFiles.resolve(node.position().file(), text);
            if (!Files.isDirectory(dir)) {
                problems.add(node.position(), path, "'" + text + "' is not a directory"
                        + (Path.of(text).isAbsolute() ? "" : " (resolved to " + dir + ")"));
                return null;
            }
            return dir;
        } catch (InvalidPathException e) {
            problems.add(node.position(), path, "invalid directory name '" + text + "'");
            return null;
        }
    }

    private static Map<String, PageTemplate> read(Path dir, Position at, Problems problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*.html")) {
            listing.forEach(files::add);
        } catch (IOException e) {
            problems.add(at, "errors.templates", "cannot list '" + dir + "': " + e.getMessage());
            return Map.of();
        }
        files.sort(null);
        Map<String, PageTemplate> pages = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Position fileAt = new Position(file.toString(), 1, 1);
            if (!NAME.matcher(name).matches()) {
                problems.add(fileAt, "", "not a template name: use a status (403.html), a class (4xx.html) or default.html");
                continue;
            }
            String text = text(file, fileAt, problems);
            if (text != null) {
                pages.put(name.substring(0, name.length() - ".html".length()),
                        PageTemplate.parse(file.toString(), text, problems));
            }
        }
        return pages;
    }

    private static String text(Path file, Position at, Problems problems) {
        try {
            if (Files.size(file) > MAX_TEMPLATE_BYTES) {
                problems.add(at, "", "larger than " + MAX_TEMPLATE_BYTES / 1024 + " KiB");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(at, "", "is not UTF-8");
            return null;
        } catch (IOException e) {
            problems.add(at, "", "cannot read: " + e.getMessage());
            return null;
        }
    }
}
