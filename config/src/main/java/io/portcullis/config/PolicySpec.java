package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.ScalarNode;
import java.util.List;

/**
 * A policy as written: its rule trees stay as positioned YAML nodes so the policy module can
 * compile them and report errors at the exact place. Any of allow/deny/require/challenge may be null.
 *
 * @param challenge a {@code {when, require}} map or a list of them (risk-based step-up), or null
 * @param include   ids of the policies whose deny, require and challenge rules this one adds, each
 *                  with its position; empty when none
 * @param mode      {@link #ENFORCE} or {@link #SHADOW} (evaluated beside a route's policy, never enforced)
 */
public record PolicySpec(String id, Node allow, Node deny, Node require, Node challenge, List<ScalarNode> include,
                         String mode, Position position) {

    /** The default mode: the policy decides the requests of the routes that name it. */
    public static final String ENFORCE = "enforce";
    /** A policy only evaluated beside another, for comparison; never enforced. */
    public static final String SHADOW = "shadow";

    public PolicySpec {
        include = include == null ? List.of() : List.copyOf(include);
        mode = mode == null ? ENFORCE : mode;
    }

    /** An enforced policy without challenge rules or includes. */
    public PolicySpec(String id, Node allow, Node deny, Node require, Position position) {
        this(id, allow, deny, require, null, List.of(), ENFORCE, position);
    }

    /** True for {@code mode: shadow}. */
    public boolean isShadow() {
        return SHADOW.equals(mode);
    }
}
