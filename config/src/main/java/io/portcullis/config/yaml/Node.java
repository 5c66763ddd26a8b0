package io.portcullis.config.yaml;

import io.portcullis.config.Position;

/**
 * A YAML value that remembers where it was written. Config binding and policy compilation walk
 * these nodes so that any problem, however deep, is reported with file, line and column.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {

    Position position();

    /** A short name of the node's kind for error messages ("a map", "a list", "a scalar"). */
    String kind();
}
