package io.portcullis.policy.criteria;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.logic.Condition;

/**
 * Turns one {@code criterion: operand} entry of a rule map into a compiled condition, validating
 * the operand; problems are thrown as {@link io.portcullis.policy.compile.InvalidRule}.
 */
@FunctionalInterface
public interface CriterionParser {

    Condition parse(MapNode.Entry entry);
}
