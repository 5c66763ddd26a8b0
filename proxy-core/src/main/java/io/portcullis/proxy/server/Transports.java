package io.portcullis.proxy.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Native epoll where available (fewer syscalls and copies than NIO on Linux), NIO elsewhere. Client
 * and server channels of one group share its event loops, so an inbound connection and its upstream
 * connection run on the same thread.
 */
public final class Transports {

    private Transports() {
    }

    public static boolean nativeEpoll() {
        return Epoll.isAvailable() && !Boolean.getBoolean("portcullis.nio");
    }

    public static EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = nativeEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new io.netty.util.concurrent.DefaultThreadFactory(name, true),
                factory);
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return nativeEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> clientChannel() {
        return nativeEpoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
