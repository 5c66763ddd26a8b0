package io.portcullis.proxy.tools.policytest;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed policy-test file: the config it tests (resolved against the test file's directory) and
 * its tests in file order.
 */
public record PolicyTestFile(Path source, Path config, List<PolicyTestCase> cases) {

    public PolicyTestFile {
        cases = List.copyOf(cases);
    }
}
