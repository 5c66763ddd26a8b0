package io.portcullis.policy;

import io.portcullis.config.ConfigException;
import io.portcullis.config.PolicySpec;
import java.util.List;
import java.util.Map;

/**
 * Compiles policy specs into immutable evaluation trees once per config load. Every problem is
 * reported with file:line:col.
 */
public final class PolicyCompiler {

    private PolicyCompiler() {
    }

    public static PolicySet compile(Map<String, PolicySpec> specs, List<String> mfaAmrValues) throws ConfigException {
        throw new UnsupportedOperationException("PolicyCompiler.compile: being written");
    }
}
