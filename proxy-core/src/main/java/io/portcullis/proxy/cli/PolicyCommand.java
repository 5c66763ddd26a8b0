package io.portcullis.proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code portcullis policy ...}: tools for policy authors. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Policy tools: test.",
        subcommands = {PolicyTestCommand.class})
final class PolicyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
