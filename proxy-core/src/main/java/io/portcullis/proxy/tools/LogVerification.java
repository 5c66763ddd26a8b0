package io.portcullis.proxy.tools;

import java.util.List;

/**
 * What {@link LogVerifier} concluded about a decision log.
 *
 * @param lines        lines checked (up to and including the first bad one)
 * @param firstBadLine 1-based number of the first line that breaks the chain, or 0 when intact
 * @param problem      what is wrong with that line, or null
 * @param chainStarts  lines where a new chain starts (the first line, and each proxy restart)
 * @param head         chain value of the last good line: record it elsewhere to detect truncation
 * @param firstLineUnchecked true when the first line continues a chain from lines not given (a
 *                     rotated file read without its predecessor's head), so it could not be checked
 */
public record LogVerification(int lines, int firstBadLine, String problem, List<Integer> chainStarts, String head,
                              boolean firstLineUnchecked) {

    public LogVerification {
        chainStarts = List.copyOf(chainStarts);
    }

    public boolean intact() {
        return firstBadLine == 0;
    }
}
