package io.portcullis.proxy.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that only remembers what it was told ("400 reason"), for tests that look at the pipeline. */
final class RecordingSink implements EdgeRejectionSink {

    final List<String> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        rejections.add(status.code() + " " + reason);
    }
}
