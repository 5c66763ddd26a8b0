package io.portcullis.proxy.cli;

import io.portcullis.proxy.tools.LogVerification;
import io.portcullis.proxy.tools.LogVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis verify-log FILE...}: checks a decision log's hash chain, across rotated files
 * given oldest first. Exit 0 when intact, 1 at the first altered, removed or reordered line, 2 when
 * a file cannot be read.
 */
@Command(name = "verify-log", mixinStandardHelpOptions = true,
        description = "Verify the hash chain of a decision log; report the first altered, removed or reordered line.")
final class VerifyLogCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Decision log files, oldest first (rotated files continue each other's chain).")
    List<Path> files;

    @Option(names = "--after", paramLabel = "CHAIN",
            description = "Chain value the first line must follow (the head recorded from the previous file).")
    String after;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String previous = after;
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(file + ": cannot read: " + e.getMessage());
                err.flush();
                return 2;
            }
            LogVerification v = LogVerifier.verify(lines, previous);
            if (!v.intact()) {
                err.println(file + ":" + v.firstBadLine() + ": " + v.problem());
                err.println("TAMPERED: " + file + " is intact only up to line " + (v.firstBadLine() - 1) + ".");
                err.flush();
                return 1;
            }
            report(out, file, v);
            previous = v.head().isEmpty() ? previous : v.head();
        }
        out.flush();
        return 0;
    }

    private static void report(PrintWriter out, Path file, LogVerification v) {
        out.printf("%s: OK (%d lines, chain intact, head %s)%n", file, v.lines(), v.head().isEmpty() ? "-" : v.head());
        if (v.firstLineUnchecked()) {
            out.println("note: line 1 continues a chain from an earlier file; pass that file first, or --after"
                    + " its head, to check it too");
        }
        if (!v.chainStarts().isEmpty() && !(v.chainStarts().size() == 1 && v.chainStarts().get(0) == 1)) {
            out.println("note: a new chain starts at lines " + v.chainStarts()
                    + " (proxy restarts: lines cut from just before a restart cannot be detected)");
        }
    }
}
