package io.portcullis.proxy.tools.policytest;

import io.portcullis.config.ConfigException;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.tools.OfflineAuthorizer;
import io.portcullis.proxy.tools.OfflineEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a policy-test file: compiles the config it names exactly as {@code serve} would, builds the
 * same router, and decides each test's request in-process (no network, no token signing).
 */
public final class PolicyTestRunner {

    private PolicyTestRunner() {
    }

    /**
     * @param clock the time tests without {@code now:} run at
     * @throws ConfigException when the test file or the config it names has problems
     */
    public static List<PolicyTestResult> run(Path testFile, Instant clock) throws ConfigException, IOException {
        Node root = YamlNodes.parse(Files.readString(testFile, StandardCharsets.UTF_8), testFile.toString());
        Path configFile = PolicyTestParser.configOf(root, testFile);
        ConfigCompiler.Compiled compiled = ConfigCompiler.compile(configFile);
        List<PolicyTestCase> cases = PolicyTestParser.cases(root, compiled.config(), clock);
        // No identity service: the runner never sees a token, only hand-written verified facts.
        RuntimeConfig runtime = RuntimeConfig.of(compiled.config(), compiled.policies(), null);
        OfflineAuthorizer authorizer = new OfflineAuthorizer(runtime.router());
        List<PolicyTestResult> results = new ArrayList<>(cases.size());
        for (PolicyTestCase c : cases) {
            OfflineEvaluation got = authorizer.decide(c.request(), c.identity(), c.device(), c.risk(), c.now(),
                    "token-missing");
            List<String> missing = new ArrayList<>();
            for (String reason : c.reasons()) {
                if (!got.reasons().contains(reason)) {
                    missing.add(reason);
                }
            }
            results.add(new PolicyTestResult(c, got, missing));
        }
        return results;
    }
}
