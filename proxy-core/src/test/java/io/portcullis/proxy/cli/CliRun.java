package io.portcullis.proxy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command line with its output captured. */
record CliRun(int code, String out, String err) {

    /** Runs with an empty environment, whatever the test JVM's is. */
    static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    static CliRun withEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
