package io.portcullis.proxy.access.trace;

import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessTrace;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AccessTrace} that keeps its steps in memory, for the traced stages' tests. */
final class RecordedTrace implements AccessTrace {

    /** One step as recorded: its attributes, whether it failed and whether it was ended. */
    static final class RecordedStep implements Step {
        final String name;
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        volatile String failure;
        volatile int ends;

        RecordedStep(String name) {
            this.name = name;
        }

        @Override
        public Step attribute(String key, String value) {
            if (value != null) {
                attributes.put(key, value);
            }
            return this;
        }

        @Override
        public Step attribute(String key, List<String> values) {
            if (values != null) {
                attributes.put(key, values);
            }
            return this;
        }

        @Override
        public Step failed(String reason) {
            failure = reason;
            return this;
        }

        @Override
        public void end() {
            ends++;
        }
    }

    final List<RecordedStep> steps = new CopyOnWriteArrayList<>();

    @Override
    public boolean recording() {
        return true;
    }

    @Override
    public Step step(String name) {
        RecordedStep s = new RecordedStep(name);
        steps.add(s);
        return s;
    }

    /** A request whose decision is traced by {@code trace}; the stages under test read nothing else. */
    static AccessRequest request(AccessTrace trace) {
        InetAddress client = InetAddress.getLoopbackAddress();
        return new AccessRequest(new AccessRequest.Target(null, "GET", "app.test", "/", null, null), name -> List.of(),
                new AccessRequest.Peer(client, client, null), Instant.now(), "r", trace);
    }
}
