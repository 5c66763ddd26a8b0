package io.portcullis.proxy.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A Dockerfile read as a list of instructions: comments dropped, backslash continuations joined,
 * JSON (exec form) arguments decoded. Enough to check the file statically where no Docker engine
 * runs; not a full BuildKit parser (no heredocs, no escape directive).
 */
final class DockerfileInstructions {

    /** One instruction: its keyword in upper case, the raw argument text and its first line number. */
    record Instruction(String keyword, String args, int line) {

        /** The arguments of an exec-form instruction ({@code ["a", "b"]}); fails on shell form. */
        List<String> execForm() {
            return json(args, keyword + " at line " + line);
        }

        /** Whitespace-separated words, for instructions such as COPY, USER and EXPOSE. */
        List<String> words() {
            return List.of(args.trim().split("\\s+"));
        }
    }

    private DockerfileInstructions() {
    }

    static List<Instruction> parse(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            String body = continues ? line.substring(0, line.length() - 1) : line;
            if (current == null) {
                current = new StringBuilder(body.strip());
                start = i + 1;
            } else {
                current.append(' ').append(body.strip());
            }
            if (!continues) {
                out.add(toInstruction(current.toString(), start));
                current = null;
            }
        }
        if (current != null) {
            throw new AssertionError("Dockerfile ends inside a continued instruction starting at line " + start);
        }
        return out;
    }

    /** Decodes a JSON array of strings (the exec form); fails when the text is not one. */
    static List<String> json(String text, String what) {
        String t = text.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new AssertionError(what + ": expected the exec (JSON array) form, got " + t);
        }
        // A JSON array of strings is also a YAML flow sequence with the same meaning.
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(t);
        List<String> out = new ArrayList<>();
        for (Object o : Yamls.list(parsed, what)) {
            out.add(Yamls.string(o, what));
        }
        return out;
    }

    private static Instruction toInstruction(String text, int line) {
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1).strip();
        return new Instruction(keyword, args, line);
    }
}
