package io.portcullis.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator for the latency runs of bench/run.sh ({@code LOADGEN=openloop}). wrk's
 * timers tick in whole milliseconds, so its paced requests leave in batches at each tick and a p99
 * measures the batch as much as the server (docs/performance.md, item 24). Here each request is due at
 * its own instant of a Poisson process, to the microsecond; it goes out on a free keep-alive connection
 * (one request in flight per connection), and its latency counts from when it was due, so a request that
 * waited for a connection or behind a stalled server is charged the wait (no coordinated omission, as
 * in wrk2). The {@code sent_*} fields give the same percentiles counted from when each request was
 * written, as wrk counts: the difference is time spent waiting to be sent, the generator's included. The loop polls its selector without sleeping: it is meant to have a core of its own.
 *
 * <pre>java -cp benchmarks.jar io.portcullis.benchmarks.OpenLoopLoad URL RATE SECONDS CONNS [TOKEN_FILE]</pre>
 *
 * The same load runs for {@value #WARM_UP_SECONDS} s before the measured SECONDS, unmeasured: until its
 * own code is compiled, the generator falls behind and its lateness would count as latency. Prints one
 * {@code WRK_RESULT} line with the fields bench/wrk/bench.lua prints.
 */
public final class OpenLoopLoad {

    static final int WARM_UP_SECONDS = 3;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private OpenLoopLoad() {
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        /** When the request in flight was due (nanoTime), or -1 when idle. */
        long dueAt = -1;
        /** When it was written. */
        long sentAt;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: OpenLoopLoad URL RATE SECONDS CONNS [TOKEN_FILE]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        long seconds = Long.parseLong(args[2]);
        int conns = Integer.parseInt(args[3]);
        String token = args.length > 4 && !args[4].isEmpty() ? Files.readAllLines(Path.of(args[4])).get(0).trim() : null;
        String hostPort = url.getHost() + ":" + url.getPort();
        String path = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        Selector selector = Selector.open();
        ArrayDeque<Connection> idle = new ArrayDeque<>();
        for (int i = 0; i < conns; i++) {
            idle.push(open(url, selector));
        }
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, rate * seconds * 1.2 + 1024)];
        long[] serviceTimes = new long[latencies.length];
        int measured = 0;
        long answered = 0;
        long nonSuccess = 0;
        long readErrors = 0;
        long[] pending = new long[1024];
        int pendingHead = 0;
        int pendingCount = 0;

        SplittableRandom random = new SplittableRandom();
        double meanGapNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long warmUpStart = System.nanoTime();
        long start = warmUpStart + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long drainDeadline = end + TimeUnit.SECONDS.toNanos(10);
        double nextDue = warmUpStart;
        int inFlight = 0;

        while (true) {
            long now = System.nanoTime();
            // Every request that has come due joins the queue, in order; none is due at or after the end.
            while (nextDue <= now && nextDue < end) {
                if (pendingCount == pending.length) {
                    long[] grown = new long[pending.length * 2];
                    for (int i = 0; i < pendingCount; i++) {
                        grown[i] = pending[(pendingHead + i) % pending.length];
                    }
                    pending = grown;
                    pendingHead = 0;
                }
                pending[(pendingHead + pendingCount) % pending.length] = (long) nextDue;
                pendingCount++;
                nextDue += -meanGapNanos * Math.log(1 - random.nextDouble());
            }
            while (pendingCount > 0 && !idle.isEmpty()) {
                Connection c = idle.pop();
                c.dueAt = pending[pendingHead];
                pendingHead = (pendingHead + 1) % pending.length;
                pendingCount--;
                c.sentAt = System.nanoTime();
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    c.channel.write(out);
                }
                inFlight++;
            }
            if (now >= end && pendingCount == 0 && inFlight == 0 || now >= drainDeadline) {
                break;
            }
            if (selector.selectNow() == 0) {
                continue;
            }
            var keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection c = (Connection) key.attachment();
                int read;
                try {
                    read = c.channel.read(c.in);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    readErrors++;
                    key.cancel();
                    c.channel.close();
                    if (c.dueAt >= 0) {
                        inFlight--;
                    }
                    idle.push(open(url, selector));
                    continue;
                }
                int status = completeResponse(c.in);
                if (status > 0) {
                    answered++;
                    long done = System.nanoTime();
                    if (c.dueAt >= start) {
                        if (measured == latencies.length) {
                            latencies = Arrays.copyOf(latencies, latencies.length * 2);
                            serviceTimes = Arrays.copyOf(serviceTimes, latencies.length);
                        }
                        serviceTimes[measured] = done - c.sentAt;
                        latencies[measured++] = done - c.dueAt;
                        if (status < 200 || status > 299) {
                            nonSuccess++;
                        }
                    }
                    c.in.clear();
                    c.dueAt = -1;
                    inFlight--;
                    idle.push(c);
                }
            }
        }
        long unanswered = inFlight + pendingCount;
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        long[] sent = Arrays.copyOf(serviceTimes, measured);
        Arrays.sort(sent);
        long durationMicros = TimeUnit.NANOSECONDS.toMicros(end - start);
        System.out.printf("WRK_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d"
                        + " err_connect=0 err_read=%d err_write=0 err_timeout=%d non2xx=%d"
                        + " sent_p50_us=%d sent_p99_us=%d sent_p999_us=%d all_requests=%d%n",
                measured, durationMicros, measured * 1e6 / durationMicros, micros(sorted, 0.50), micros(sorted, 0.99),
                micros(sorted, 0.999), measured == 0 ? 0 : sorted[measured - 1] / 1000, readErrors, unanswered,
                nonSuccess, micros(sent, 0.50), micros(sent, 0.99), micros(sent, 0.999), answered);
    }

    private static Connection open(URI url, Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection c = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, c);
        return c;
    }

    /** The latency at quantile {@code q} of sorted nanosecond values, in microseconds. */
    private static long micros(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000;
    }

    /**
     * The status code when {@code in} holds one whole response (head and a Content-Length body), else 0.
     * The servers measured answer every GET with a Content-Length; a chunked answer is not expected.
     * Parsed in place: garbage here would be the generator's own collections inside the latencies.
     */
    static int completeResponse(ByteBuffer in) {
        byte[] bytes = in.array();
        int filled = in.position();
        int headEnd = indexOf(bytes, filled, HEADER_END);
        if (headEnd < 12) {
            return 0;
        }
        long length = 0;
        int at = indexOfIgnoreCase(bytes, headEnd, CONTENT_LENGTH);
        if (at >= 0) {
            int i = at + CONTENT_LENGTH.length;
            while (i < headEnd && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            while (i < headEnd && bytes[i] >= '0' && bytes[i] <= '9') {
                length = length * 10 + (bytes[i++] - '0');
            }
        }
        if (filled < headEnd + HEADER_END.length + length) {
            return 0;
        }
        return (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
    }

    private static int indexOfIgnoreCase(byte[] bytes, int limit, byte[] lowerNeedle) {
        outer:
        for (int i = 0; i + lowerNeedle.length <= limit; i++) {
            for (int j = 0; j < lowerNeedle.length; j++) {
                int b = bytes[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerNeedle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, int limit, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
