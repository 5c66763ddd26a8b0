package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;

/**
 * Binds one policy. Its rule trees stay raw nodes for the policy compiler; only the policy's own
 * keys are checked here. {@code mode} and {@code description} are reserved and currently ignored.
 */
final class PolicyBinder {

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
        r.optional("mode", Values.string(), null);
        r.optional("description", Values.string(), null);
        r.finish();
        return new PolicySpec(entry.key(), allow, deny, require, entry.keyPosition());
    }
}
