package io.portcullis.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoveHeaderRuleTest {

    @Test
    void removesEverySpellingOfTheNamedHeadersAndNothingElse() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Debug", "1").add("x_debug", "2").add("X-DEBUG", "3")
                .add("X-Debugger", "keep").add("X-Internal-Token", "t").add("Accept", "*/*");
        int removed = new RemoveHeaderRule(List.of("x-debug", "X-Internal-Token")).apply(h);
        assertEquals(4, removed);
        assertFalse(h.contains("X-Debug"));
        assertFalse(h.contains("x_debug"));
        assertFalse(h.contains("X-Internal-Token"));
        assertEquals("keep", h.get("X-Debugger"));
        assertEquals("*/*", h.get("Accept"));
    }

    @Test
    void anEmptyRuleLeavesTheHeadersAlone() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Debug", "1");
        assertEquals(0, new RemoveHeaderRule(List.of()).apply(h));
        assertEquals("1", h.get("X-Debug"));
    }
}
