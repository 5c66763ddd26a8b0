package io.portcullis.proxy.cli;

import io.portcullis.proxy.ListenerUnavailableException;
import io.portcullis.proxy.dev.DevMode;
import io.portcullis.proxy.dev.TourStep;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portcullis dev}: starts {@link DevMode} and prints ready-to-paste curl commands for
 * allowed and denied requests.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run a self-contained demo: embedded issuers, a sample upstream and the proxy.")
final class DevCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Data-plane port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-port", defaultValue = "9901", description = "Admin port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Lifecycle.Signals signals = Lifecycle.installSignals();
        DevMode dev = null;
        try {
            dev = DevMode.start(port, adminPort);
        } catch (ListenerUnavailableException e) {
            return Lifecycle.cannotListen(spec, e);
        } finally {
            if (dev == null) {
                signals.cancel();
            }
        }
        // Before the banner: a stop from then on removes the demo's temporary files.
        signals.running(dev.portcullis(), dev::close);
        PrintWriter out = spec.commandLine().getOut();
        String base = "http://127.0.0.1:" + dev.portcullis().port();
        out.println();
        out.println("Portcullis dev mode is running.");
        out.println("  proxy     " + base);
        out.println("  admin     http://127.0.0.1:" + dev.portcullis().adminPort() + "/metrics  /healthz  /readyz");
        out.println("  config    " + dev.configFile() + "   (edit it: reloaded on change or SIGHUP)");
        out.println("  issuers   " + dev.identityIssuer().issuerUrl() + " (users), "
                + dev.deviceIssuer().issuerUrl() + " (devices)");
        out.println("  upstream  " + dev.upstream().url() + " (echoes what it received)");
        out.println("Decisions are logged below, one JSON line per request.");
        int n = 1;
        for (TourStep step : dev.tour()) {
            out.println();
            out.println("# " + n++ + ". " + step.title() + " -> " + step.expectedStatus());
            out.println(step.curl(base));
        }
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
        signals.awaitStop();
        return 0;
    }
}
