package io.portcullis.proxy.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.observe.DecisionChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogVerifierTest {

    static List<String> sealed(int count, String tag) {
        DecisionChain chain = new DecisionChain();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(chain.seal("{\"request_id\":\"" + tag + i + "\",\"decision\":\"deny\"}"));
        }
        return lines;
    }

    @Test
    void anUntouchedLogIsIntactAndReportsItsHead() {
        List<String> log = sealed(5, "r");
        LogVerification v = LogVerifier.verify(log, null);
        assertTrue(v.intact());
        assertEquals(5, v.lines());
        assertEquals(List.of(1), v.chainStarts());
        assertFalse(v.firstLineUnchecked());
        assertEquals(DecisionChain.unseal(log.get(4)).chain(), v.head());
    }

    @Test
    void anAlteredLineIsTheFirstBadLine() {
        List<String> log = sealed(5, "r");
        log.set(2, log.get(2).replace("\"deny\"", "\"allow\""));
        LogVerification v = LogVerifier.verify(log, null);
        assertEquals(3, v.firstBadLine());
        assertTrue(v.problem().contains("altered"), v.problem());
        assertEquals(DecisionChain.unseal(log.get(1)).chain(), v.head(), "head is the last line still proven");
    }

    @Test
    void aRemovedLineBreaksTheChainAtTheLineThatFollowedIt() {
        List<String> log = sealed(5, "r");
        log.remove(2);
        LogVerification v = LogVerifier.verify(log, null);
        assertEquals(3, v.firstBadLine());
        assertTrue(v.problem().contains("removed"), v.problem());
    }

    @Test
    void swappedLinesAreReportedAsReordered() {
        List<String> log = sealed(5, "r");
        String second = log.get(1);
        log.set(1, log.get(2));
        log.set(2, second);
        LogVerification v = LogVerifier.verify(log, null);
        assertEquals(2, v.firstBadLine());
        assertTrue(v.problem().contains("right after line 3"), v.problem());
        assertTrue(v.problem().contains("reordered"), v.problem());
    }

    @Test
    void aLineWithoutAChainIsRefused() {
        List<String> log = sealed(3, "r");
        log.add(1, "{\"request_id\":\"forged\"}");
        LogVerification v = LogVerifier.verify(log, null);
        assertEquals(2, v.firstBadLine());
        assertTrue(v.problem().contains("not a sealed decision line"), v.problem());
    }

    @Test
    void aRestartStartsANewChainThatIsListed() {
        List<String> log = new ArrayList<>(sealed(3, "first-run-"));
        log.addAll(sealed(2, "second-run-"));
        LogVerification v = LogVerifier.verify(log, null);
        assertTrue(v.intact(), v.problem());
        assertEquals(List.of(1, 4), v.chainStarts());
    }

    @Test
    void aRotatedFileIsCheckedFromThePreviousFilesHead() {
        List<String> log = sealed(5, "r");
        List<String> older = log.subList(0, 2);
        List<String> newer = log.subList(2, 5);
        LogVerification first = LogVerifier.verify(older, null);
        LogVerification alone = LogVerifier.verify(newer, null);
        assertTrue(alone.intact());
        assertTrue(alone.firstLineUnchecked(), "without the older file line 1 cannot be checked");
        LogVerification linked = LogVerifier.verify(newer, first.head());
        assertTrue(linked.intact());
        assertFalse(linked.firstLineUnchecked());
        LogVerification wrongHead = LogVerifier.verify(newer, DecisionChain.unseal(log.get(0)).chain());
        assertEquals(1, wrongHead.firstBadLine(), "a line missing between the files is detected");
    }
}
