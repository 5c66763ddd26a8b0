package io.portcullis.proxy.server.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.portcullis.proxy.server.ProtocolInstaller;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The detector decides on the first differing byte, or on the whole preface, and hands bytes on. */
class PriorKnowledgeDetectorTest {

    /** Records which protocol was chosen. */
    static final class Choice implements ProtocolInstaller {
        String chosen;

        @Override
        public void http1(ChannelHandlerContext ctx) {
            chosen = "http/1.1";
        }

        @Override
        public void http2(ChannelHandlerContext ctx) {
            chosen = "h2";
        }
    }

    @Test
    void thePrefaceInPiecesMeansHttp2() {
        Choice c = new Choice();
        EmbeddedChannel ch = new EmbeddedChannel(new PriorKnowledgeDetector(c, 1000, () -> { }));
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        ch.writeInbound(preface.readRetainedSlice(10));
        assertNull(c.chosen, "10 matching bytes are not enough to decide");
        ch.writeInbound(preface.readRetainedSlice(preface.readableBytes()));
        preface.release();
        assertEquals("h2", c.chosen);
        assertNull(ch.pipeline().get(PriorKnowledgeDetector.class), "the detector leaves the pipeline");
        ch.finishAndReleaseAll();
    }

    @Test
    void anHttp11RequestLineMeansHttp11AndItsBytesAreHandedOn() {
        Choice c = new Choice();
        EmbeddedChannel ch = new EmbeddedChannel(new PriorKnowledgeDetector(c, 1000, () -> { }));
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        assertEquals("http/1.1", c.chosen);
        ByteBuf passed = ch.readInbound();
        assertEquals("GET / HTTP/1.1\r\n", passed.toString(StandardCharsets.US_ASCII));
        passed.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionThatNeverDecidesIsClosedAtTheDeadline() {
        Choice c = new Choice();
        int[] timeouts = {0};
        EmbeddedChannel ch = new EmbeddedChannel(new PriorKnowledgeDetector(c, 60_000, () -> timeouts[0]++));
        ch.writeInbound(Unpooled.copiedBuffer("PRI * HT", StandardCharsets.US_ASCII));
        ch.advanceTimeBy(30, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(true, ch.isOpen(), "still within the deadline");
        ch.advanceTimeBy(31, java.util.concurrent.TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(false, ch.isOpen());
        assertEquals(1, timeouts[0]);
        assertNull(c.chosen);
        ch.finishAndReleaseAll();
    }

    @Test
    void aPrefixOfThePrefaceThatThenDiffersIsHttp11() {
        Choice c = new Choice();
        EmbeddedChannel ch = new EmbeddedChannel(new PriorKnowledgeDetector(c, 1000, () -> { }));
        ch.writeInbound(Unpooled.copiedBuffer("PRI / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        assertEquals("http/1.1", c.chosen);
        ch.finishAndReleaseAll();
    }
}
