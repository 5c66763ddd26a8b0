package io.portcullis.proxy.cli;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.proxy.tools.OfflineEvaluation;
import io.portcullis.proxy.tools.policytest.PolicyTestCase;
import io.portcullis.proxy.tools.policytest.PolicyTestResult;
import io.portcullis.proxy.tools.policytest.PolicyTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis policy test FILE...}: runs policy-test files (like {@code opa test}) and prints
 * expected vs got with reasons for each failure, then {@code N passed, N failed}. Exit 0 when all
 * pass, 1 when any fails, 2 when a file or the config it names is invalid.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run policy tests: route each request, decide it in-process, compare with expect.")
final class PolicyTestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy-test files (YAML).")
    List<Path> files;

    @Option(names = {"-v", "--verbose"}, description = "Also list the tests that pass.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant clock = Instant.now();
        int passed = 0;
        int failed = 0;
        boolean invalid = false;
        for (Path file : files) {
            List<PolicyTestResult> results;
            try {
                results = PolicyTestRunner.run(file, clock);
            } catch (ConfigException e) {
                for (ConfigProblem p : e.problems()) {
                    err.println(p.format());
                }
                invalid = true;
                continue;
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                invalid = true;
                continue;
            }
            for (PolicyTestResult r : results) {
                if (r.passed()) {
                    passed++;
                    if (verbose) {
                        out.println("ok   " + r.test().position() + ": " + r.test().name());
                    }
                } else {
                    failed++;
                    printFailure(out, r);
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        err.flush();
        if (invalid) {
            return CheckCommand.INVALID_CONFIG;
        }
        return failed == 0 ? 0 : 1;
    }

    private static void printFailure(PrintWriter out, PolicyTestResult r) {
        PolicyTestCase t = r.test();
        OfflineEvaluation got = r.got();
        out.println("FAIL " + t.position() + ": " + t.name());
        out.println("  request:  " + t.request().method() + " " + t.request().host() + t.request().path()
                + " from " + t.request().sourceIp().getHostAddress()
                + (t.identity() == null ? " (anonymous)" : " as " + t.identity().subject())
                + (t.device() == null ? ", no device posture" : ""));
        out.println("  expected: " + t.expect().label()
                + (t.reasons().isEmpty() ? "" : " with reason " + String.join(", ", t.reasons())));
        StringBuilder where = new StringBuilder();
        if (got.route() != null) {
            where.append(" (route ").append(got.route().id());
            if (got.decision() != null) {
                where.append(", policy ").append(got.decision().policy()).append(", rule ").append(got.decision().rule());
            }
            where.append(')');
        }
        out.println("  got:      " + got.answer().label() + where);
        out.println("  reasons:  " + String.join(", ", got.reasons()));
        if (!r.missingReasons().isEmpty()) {
            out.println("  missing:  " + String.join(", ", r.missingReasons()));
        }
    }
}
