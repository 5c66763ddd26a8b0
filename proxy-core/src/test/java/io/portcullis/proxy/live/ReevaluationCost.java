package io.portcullis.proxy.live;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.portcullis.proxy.ProxyFixture;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessState;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.routing.Route;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A measuring harness, not a test: registers 10,000 live entries (100 users' bearer tokens, on two
 * event loops) with the example config's real pipeline and times one re-evaluation of all of them,
 * from the call to the last decision. Run:
 * {@code mvn -B -o -pl proxy-core -am test -Dtest=ReevaluationCostRun -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlive.bench=true}.
 */
public final class ReevaluationCost {

    private ReevaluationCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (ProxyFixture fx = new ProxyFixture(ProxyFixture.EXAMPLE)) {
            RuntimeConfig rc = fx.portcullis.current();
            Route route = rc.router().routes().stream().filter(r -> !r.policy().allowsAnonymous()).findFirst()
                    .orElseThrow();
            AtomicInteger closed = new AtomicInteger();
            LiveConnections live = new LiveConnections(() -> rc, fx.portcullis.metrics().registry(), new DecisionLog(),
                    Clock.systemUTC(), AccessState.NONE);
            Iterator<EventExecutor> executors = loops.iterator();
            List<EventExecutor> two = List.of(executors.next(), executors.next());
            InetAddress local = InetAddress.getLoopbackAddress();
            for (int i = 0; i < n; i++) {
                String header = "Bearer " + fx.corp.token().subject("user" + (i % 100)).audience("portcullis")
                        .expiresIn(Duration.ofHours(1)).claim("groups", List.of("staff", "admins")).sign();
                AccessRequest r = new AccessRequest(new AccessRequest.Target(route, "GET", "app.test",
                        route.config().match().pathPrefix() + "/x", null, null),
                        name -> name.equalsIgnoreCase("Authorization") ? List.of(header) : List.of(),
                        new AccessRequest.Peer(local, local, null), Clock.systemUTC().instant(), "r" + i);
                live.register(new LiveEntry(LiveEntry.Kind.STREAM, 200, r, null, null, two.get(i % 2),
                        reason -> closed.incrementAndGet()), false);
            }
            for (int round = 0; round < 5 && live.size() > 0; round++) {
                n = live.size();
                double before = reevaluations(fx);
                long start = System.nanoTime();
                live.reevaluateAll("bench");
                while (reevaluations(fx) - before < n) {
                    Thread.onSpinWait();
                }
                long micros = (System.nanoTime() - start) / 1000;
                System.out.printf("round %d: %d entries re-evaluated in %d us (%.2f us each), %d closed%n",
                        round, n, micros, micros / (double) n, closed.get());
            }
        } finally {
            loops.shutdownGracefully();
        }
    }

    private static double reevaluations(ProxyFixture fx) {
        return fx.portcullis.metrics().registry().find("portcullis.live.reevaluations").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
