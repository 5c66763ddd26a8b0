package io.portcullis.config;

import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;

/**
 * Tells a public policy from one that needs an identity. A route whose policy needs an identity can
 * only ever deny when no issuer vouches for users, which is almost certainly a config mistake.
 */
final class PublicPolicy {

    private PublicPolicy() {
    }

    /** True when {@code allow} is exactly {@code {public: true}}. */
    static boolean isPublic(PolicySpec spec) {
        return spec.allow() instanceof MapNode allow && allow.entries().size() == 1
                && allow.get("public").map(n -> n instanceof ScalarNode s && !s.quoted() && "true".equals(s.value()))
                        .orElse(false);
    }
}
