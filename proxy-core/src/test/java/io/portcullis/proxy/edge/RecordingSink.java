package io.portcullis.proxy.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands after the edge and only remembers the refusals fired at it ("400 reason"), for tests that
 * look at the pipeline; every other message passes on.
 */
final class RecordingSink extends ChannelInboundHandlerAdapter {

    final List<String> rejections = new CopyOnWriteArrayList<>();
    /** The refusals themselves, for their method and path. */
    final List<EdgeRefusal> refusals = new CopyOnWriteArrayList<>();

    @Override
    public boolean isSharable() {
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof EdgeRefusal refusal) {
            refusals.add(refusal);
            rejections.add(refusal.status().code() + " " + refusal.reason());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
