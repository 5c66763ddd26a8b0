package io.portcullis.proxy.tools;

import io.portcullis.proxy.observe.DecisionChain;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-computes a decision log's hash chain line by line and finds the first line that does not
 * follow from the one before it. A line whose chain starts from scratch is a new chain (a proxy
 * restart); those are listed, because a restart is also what a cut-off head of the log looks like.
 */
public final class LogVerifier {

    private LogVerifier() {
    }

    /**
     * @param previous chain value the first line must follow (the head of the previous, rotated file),
     *                 or null when unknown: the first line is then taken as given, since what it
     *                 follows is not in these lines
     */
    public static LogVerification verify(List<String> lines, String previous) {
        List<Integer> starts = new ArrayList<>();
        String head = previous;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            DecisionChain.Unsealed line = DecisionChain.unseal(lines.get(i));
            if (line == null) {
                return broken(number, "no chain field: not a sealed decision line", starts, head);
            }
            boolean fresh = DecisionChain.link("", line.json()).equals(line.chain());
            if (fresh) {
                starts.add(number);
            } else if (head != null && !DecisionChain.link(head, line.json()).equals(line.chain())) {
                return broken(number, mismatch(lines, i, line), starts, head);
            }
            head = line.chain();
        }
        return new LogVerification(lines.size(), 0, null, starts, head == null ? "" : head,
                firstLineUnchecked(lines, previous, starts));
    }

    private static boolean firstLineUnchecked(List<String> lines, String previous, List<Integer> starts) {
        return previous == null && !lines.isEmpty() && (starts.isEmpty() || starts.get(0) != 1);
    }

    private static LogVerification broken(int number, String problem, List<Integer> starts, String head) {
        return new LogVerification(number, number, problem, starts, head == null ? "" : head, false);
    }

    /** Says whether the line was moved (its true predecessor is elsewhere) or altered / cut loose. */
    private static String mismatch(List<String> lines, int index, DecisionChain.Unsealed line) {
        for (int j = 0; j < lines.size(); j++) {
            if (j == index || j == index - 1) {
                continue;
            }
            DecisionChain.Unsealed other = DecisionChain.unseal(lines.get(j));
            if (other != null && DecisionChain.link(other.chain(), line.json()).equals(line.chain())) {
                return "chain broken: this line belongs right after line " + (j + 1) + " (lines were reordered)";
            }
        }
        return "chain broken: this line was altered, or lines before it were removed or inserted";
    }
}
