package io.portcullis.proxy.tools.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceSnippetTest {

    @Test
    void anEntryEndsWhereItsEnclosingFlowCollectionGoesOn() {
        String line = "    allow: { groups: { has: [admins, ops] }, device: { compliant: true } }";
        assertEquals("groups: { has: [admins, ops] }", SourceSnippet.entry(line, line.indexOf("groups")));
        assertEquals("device: { compliant: true }", SourceSnippet.entry(line, line.indexOf("device")));
    }

    @Test
    void quotesAndCommentsAreRespected() {
        String line = "  - email: { is: \"a,b}@x\" }   # who";
        assertEquals("email: { is: \"a,b}@x\" }", SourceSnippet.entry(line, line.indexOf("email")));
        assertEquals("source_ip: { in: [10.0.0.0/8] }", SourceSnippet.entry("source_ip: { in: [10.0.0.0/8] }", 0));
    }
}
