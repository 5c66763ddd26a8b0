package io.portcullis.proxy.cli;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.tools.ConfigLint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis check [FILE | --config FILE] [--strict]} (default {@code $PORTCULLIS_CONFIG}): validates a config exactly as {@code serve} would
 * and prints every problem as {@code FILE:LINE:COL: message}, then lint warnings (unreachable routes,
 * unused policies, allow rules that never match, deny rules a missing attribute decides) as
 * {@code FILE:LINE:COL: warning: message}. Exit 0 when valid, 2 when not; with {@code --strict}, 1
 * when valid but warned about.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a config file; print every problem as FILE:LINE:COL: message.")
final class CheckCommand implements Callable<Integer> {

    static final int INVALID_CONFIG = 2;
    /** With {@code --strict}: the config is valid but has warnings. */
    static final int WARNINGS_STRICT = 1;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (YAML); default: $PORTCULLIS_CONFIG.")
    Path config;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Config file (YAML), instead of --config.")
    Path file;

    @Option(names = "--strict", description = "Exit 1 when there are warnings (for CI).")
    boolean strict;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path config = ConfigArgument.required(this.config, file, spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigCompiler.Compiled compiled;
        try {
            compiled = ConfigCompiler.compile(config);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p.format());
            }
            err.println(e.problems().size() + " problem(s) found; the config is not valid.");
            err.flush();
            return INVALID_CONFIG;
        }
        List<ConfigProblem> warnings = ConfigLint.warnings(compiled);
        for (ConfigProblem w : warnings) {
            out.println(w.position() + ": warning: " + w.message());
        }
        out.printf("%s: OK (%d routes, %d policies, %d issuers, sha256 %s)%s%n", config,
                compiled.config().routes().size(), compiled.policies().policies().size(),
                compiled.config().identity().issuers().size(), compiled.config().sha256(),
                warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)");
        out.flush();
        return strict && !warnings.isEmpty() ? WARNINGS_STRICT : 0;
    }
}
