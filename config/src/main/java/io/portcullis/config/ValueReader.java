package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/**
 * Turns one positioned node into a value. On a problem it records it (with the node's position and
 * the field path) and returns null, so binding goes on and every problem is reported in one pass.
 */
@FunctionalInterface
interface ValueReader<T> {

    T read(Node node, String path, Problems problems);
}
