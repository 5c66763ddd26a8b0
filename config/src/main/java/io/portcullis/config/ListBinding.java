package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.Node;
import java.util.Optional;

/** Reads a list of maps (issuers, routes) item by item, each with its own path such as {@code routes[2]}. */
final class ListBinding {

    /** Binds one item of the list. */
    interface ItemBinder {
        void bind(Node item, String path);
    }

    private ListBinding() {
    }

    /** The list under {@code key}; a missing or empty list is a problem when {@code required}. */
    static Optional<ListNode> list(MapReader r, String key, boolean required, Problems problems) {
        Optional<Node> node = r.node(key);
        if (node.isEmpty()) {
            if (required) {
                problems.add(r.position(), r.path(key), "is required");
            }
            return Optional.empty();
        }
        if (!(node.get() instanceof ListNode l)) {
            problems.add(node.get().position(), r.path(key), "expected a list, got " + Values.describe(node.get()));
            return Optional.empty();
        }
        if (required && l.items().isEmpty()) {
            problems.add(l.position(), r.path(key), "must not be empty");
        }
        return Optional.of(l);
    }

    static void forEach(ListNode list, String key, ItemBinder binder) {
        for (int i = 0; i < list.items().size(); i++) {
            binder.bind(list.items().get(i), key + "[" + i + "]");
        }
    }
}
