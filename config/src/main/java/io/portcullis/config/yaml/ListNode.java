package io.portcullis.config.yaml;

import io.portcullis.config.Position;
import java.util.List;

/** A YAML sequence. */
public record ListNode(List<Node> items, Position position) implements Node {

    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
