package io.portcullis.config.yaml;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.Position;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML text into a positioned {@link Node} tree. SnakeYAML's composer is used directly
 * (not data binding) because only the node graph keeps line and column for every value.
 *
 * <p>Hostile or sloppy input is refused here, before any meaning is given to it: duplicate keys,
 * anchors/aliases (billion-laughs), non-string keys, custom tags, and documents past a size budget.
 */
public final class YamlNodes {

    /** Config files are small; anything larger is a mistake or an attack. */
    public static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;

    private YamlNodes() {
    }

    /** Parses one YAML document. An empty document is an empty map. */
    public static Node parse(String text, String file) throws ConfigException {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new ConfigException(new Position(file, 1, 1),
                    "file is larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both positions
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setProcessComments(false);
        Yaml yaml = new Yaml(options);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(List.of(YamlSyntaxMessage.of(e, file)));
        } catch (YAMLException e) {
            throw new ConfigException(new Position(file, 1, 1), "invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return new MapNode(Map.of(), new Position(file, 1, 1));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Node node = convert(root, file, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return node;
    }

    private static Node convert(org.yaml.snakeyaml.nodes.Node n, String file, List<ConfigProblem> problems) {
        Position p = pos(file, n.getStartMark());
        if (n.getAnchor() != null) {
            problems.add(new ConfigProblem(p, "YAML anchors and aliases are not supported"));
        }
        if (n instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (!tag.equals(Tag.STR) && !tag.equals(Tag.INT) && !tag.equals(Tag.BOOL)
                    && !tag.equals(Tag.FLOAT) && !tag.equals(Tag.NULL)) {
                problems.add(new ConfigProblem(p, "YAML tag " + tag + " is not supported"));
            }
            boolean quoted = s.getScalarStyle() != null
                    && s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
            String value = (!quoted && tag.equals(Tag.NULL)) ? null : s.getValue();
            return new io.portcullis.config.yaml.ScalarNode(value, quoted, p, null);
        }
        if (n instanceof SequenceNode seq) {
            List<Node> items = new ArrayList<>();
            for (org.yaml.snakeyaml.nodes.Node item : seq.getValue()) {
                items.add(convert(item, file, problems));
            }
            return new ListNode(items, p);
        }
        if (n instanceof MappingNode map) {
            Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                org.yaml.snakeyaml.nodes.Node k = t.getKeyNode();
                Position kp = pos(file, k.getStartMark());
                if (!(k instanceof ScalarNode ks) || ks.getTag().equals(Tag.NULL)) {
                    problems.add(new ConfigProblem(kp, "map keys must be plain strings"));
                    continue;
                }
                String key = ks.getValue();
                if (key.equals("<<")) {
                    problems.add(new ConfigProblem(kp, "YAML merge keys are not supported"));
                    continue;
                }
                MapNode.Entry previous = entries.get(key);
                if (previous != null) {
                    problems.add(new ConfigProblem(kp, "duplicate key '" + key + "' (first defined at "
                            + previous.keyPosition() + ")"));
                    continue;
                }
                entries.put(key, new MapNode.Entry(key, kp, convert(t.getValueNode(), file, problems)));
            }
            return new MapNode(entries, p);
        }
        problems.add(new ConfigProblem(p, "unsupported YAML node"));
        return new io.portcullis.config.yaml.ScalarNode(null, false, p, null);
    }

    private static Position pos(String file, Mark m) {
        if (m == null) {
            return new Position(file, 1, 1);
        }
        return new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }
}
