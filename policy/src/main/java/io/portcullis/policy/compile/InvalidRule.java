package io.portcullis.policy.compile;

import io.portcullis.config.ConfigProblem;
import io.portcullis.config.Position;

/**
 * A rule that cannot be compiled, with the place it was written. Unchecked so that parsing code
 * stays linear; {@link RuleCompiler} catches it per criterion and keeps going to report every
 * problem in one round.
 */
public final class InvalidRule extends RuntimeException {

    private final transient Position position;

    public InvalidRule(Position position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    public ConfigProblem problem() {
        return new ConfigProblem(position, getMessage());
    }
}
