package io.portcullis.proxy.cli;

import io.portcullis.proxy.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code portcullis.jar}: {@code serve}, {@code check}, {@code dev}, {@code policy test},
 * {@code explain}, {@code verify-log}.
 */
// scope INHERIT: every subcommand answers --version with the same line.
@Command(name = "portcullis", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Identity-aware reverse proxy: a Zero Trust policy enforcement point.",
        subcommands = {ServeCommand.class, CheckCommand.class, DevCommand.class, PolicyCommand.class, ExplainCommand.class,
            VerifyLogCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Read by LogFormat.select before logging starts; declared here so every subcommand accepts it.
    @CommandLine.Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, defaultValue = "text",
            description = "Operational logs on stderr as text or json (one object per line). Default: ${DEFAULT-VALUE}.")
    LogFormat logFormat;

    public static void main(String[] args) {
        // Netty's leak detector records a stack trace for one buffer in 128: ~2% of a busy proxy's CPU
        // in the load harness's profiles. Off unless asked for (-Dio.netty.leakDetection.level=simple
        // or paranoid to hunt a leak); set before any Netty class reads it. Tests keep Netty's default.
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        LogFormat.select(args);
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

    /** {@code --version}: the version and commit the build was made from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().describe()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
