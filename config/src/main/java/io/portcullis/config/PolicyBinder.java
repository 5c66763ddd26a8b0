package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds one policy. Its rule trees stay raw nodes for the policy compiler; only the policy's own
 * keys, its {@code include} list and its {@code mode} are checked here. {@code description} is
 * free text and ignored.
 */
final class PolicyBinder {

    private static final List<String> MODES = List.of(PolicySpec.ENFORCE, PolicySpec.SHADOW);

    private PolicyBinder() {
    }

    static PolicySpec bind(MapNode.Entry entry, String path, Problems problems) {
        MapReader r = MapReader.of(entry.value(), path, problems).orElse(null);
        if (r == null) {
            return null;
        }
        Node allow = r.node("allow").orElse(null);
        Node deny = r.node("deny").orElse(null);
        Node require = r.node("require").orElse(null);
        Node challenge = r.node("challenge").orElse(null);
        List<ScalarNode> include = r.node("include").map(n -> include(n, r.path("include"), problems))
                .orElse(List.of());
        String mode = r.optional("mode", Values.parsed(PolicyBinder::mode), PolicySpec.ENFORCE);
        r.optional("description", Values.string(), null);
        r.finish();
        return new PolicySpec(entry.key(), allow, deny, require, challenge, include, mode, entry.keyPosition());
    }

    private static String mode(String m) {
        if (!MODES.contains(m)) {
            throw new IllegalArgumentException("expected enforce or shadow, got '" + m + "'");
        }
        return m;
    }

    /** A non-empty list of policy ids; whether they exist is the policy compiler's to say. */
    private static List<ScalarNode> include(Node node, String path, Problems problems) {
        if (!(node instanceof ListNode list) || list.items().isEmpty()) {
            problems.add(node.position(), path, "expected a non-empty list of policy ids, got " + Values.describe(node));
            return List.of();
        }
        List<ScalarNode> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            if (item instanceof ScalarNode s && !s.isNull() && !s.value().isEmpty()) {
                out.add(s);
            } else {
                problems.add(item.position(), path + "[" + i + "]", "expected a policy id, got " + Values.describe(item));
            }
        }
        return out;
    }
}
