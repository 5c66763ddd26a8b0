package io.portcullis.proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code portcullis.jar}: {@code serve}, {@code check}, {@code dev}, {@code policy test},
 * {@code explain}, {@code verify-log}.
 */
@Command(name = "portcullis", mixinStandardHelpOptions = true, version = "portcullis 0.1.0",
        description = "Identity-aware reverse proxy: a Zero Trust policy enforcement point.",
        subcommands = {ServeCommand.class, CheckCommand.class, DevCommand.class, PolicyCommand.class, ExplainCommand.class,
            VerifyLogCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Netty's leak detector records a stack trace for one buffer in 128: ~2% of a busy proxy's CPU
        // in the load harness's profiles. Off unless asked for (-Dio.netty.leakDetection.level=simple
        // or paranoid to hunt a leak); set before any Netty class reads it. Tests keep Netty's default.
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this directly). */
    public static int run(String... args) {
        return commandLine(System.getenv()).execute(args);
    }

    /** The command line, with {@code --config} defaulting to {@code PORTCULLIS_CONFIG} in {@code env}. */
    static CommandLine commandLine(java.util.Map<String, String> env) {
        return new CommandLine(new Main()).setDefaultValueProvider(new ConfigPathDefault(env));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
