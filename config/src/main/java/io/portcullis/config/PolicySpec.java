package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/**
 * A policy as written: its rule trees stay as positioned YAML nodes so the policy module can
 * compile them and report errors at the exact place. Any of allow/deny/require may be null.
 */
public record PolicySpec(String id, Node allow, Node deny, Node require, Position position) {
}
