package io.portcullis.config;

import io.portcullis.config.yaml.Node;

/**
 * A named, reusable rule from the top-level {@code conditions:} map, referenced in any rule as
 * {@code {condition: <name>}}. The rule stays a positioned YAML node for the policy compiler.
 */
public record ConditionSpec(String name, Node rule, Position position) {
}
