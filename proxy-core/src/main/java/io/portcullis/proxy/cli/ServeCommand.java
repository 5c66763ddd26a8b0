package io.portcullis.proxy.cli;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.ListenerUnavailableException;
import io.portcullis.proxy.Portcullis;
import io.portcullis.proxy.server.tls.UnusableTlsException;
import io.portcullis.proxy.trace.TracingSetupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis serve [--config FILE]} (default {@code $PORTCULLIS_CONFIG}): runs the proxy. Refuses to start on any config problem
 * (exit 2). Reloads on SIGHUP and when the file changes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the proxy.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (YAML); default: $PORTCULLIS_CONFIG.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path config = ConfigArgument.required(this.config, spec);
        ConfigCompiler.Compiled compiled;
        try {
            compiled = ConfigCompiler.compile(config);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                spec.commandLine().getErr().println(p.format());
            }
            spec.commandLine().getErr().println("refusing to start: the config is not valid.");
            spec.commandLine().getErr().flush();
            return CheckCommand.INVALID_CONFIG;
        }
        Lifecycle.Signals signals = Lifecycle.installSignals();
        Portcullis portcullis = null;
        try {
            portcullis = Portcullis.start(config, compiled, DefaultIdentityService::start, true);
        } catch (UnusableTlsException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("refusing to start: the TLS files are not usable.");
            spec.commandLine().getErr().flush();
            return CheckCommand.INVALID_CONFIG;
        } catch (ListenerUnavailableException e) {
            return Lifecycle.cannotListen(spec, e);
        } catch (TracingSetupException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("refusing to start: the tracing settings are not usable.");
            spec.commandLine().getErr().flush();
            return CheckCommand.INVALID_CONFIG;
        } finally {
            if (portcullis == null) {
                signals.cancel();
            }
        }
        signals.running(portcullis, portcullis);
        signals.awaitStop();
        return 0;
    }
}
