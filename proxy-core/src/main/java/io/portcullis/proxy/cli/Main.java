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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this directly). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
