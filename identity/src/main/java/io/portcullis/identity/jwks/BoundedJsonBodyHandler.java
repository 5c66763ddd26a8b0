package io.portcullis.identity.jwks;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Accepts only a {@code 200} JSON response whose body fits in {@code maxBytes}; anything else fails
 * with a {@link FetchException} before (or as soon as) the limit is crossed, so a hostile or broken key
 * endpoint cannot make us buffer an unbounded body. {@link #anyStatus} keeps only the size limit, for
 * APIs whose error answers matter too.
 */
public final class BoundedJsonBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final int maxBytes;
    private final boolean onlyJson200;

    BoundedJsonBodyHandler(int maxBytes) {
        this(maxBytes, true);
    }

    private BoundedJsonBodyHandler(int maxBytes, boolean onlyJson200) {
        this.maxBytes = maxBytes;
        this.onlyJson200 = onlyJson200;
    }

    /** A handler that takes a body of any status and type, failing with {@code body-too-large} past the limit. */
    public static HttpResponse.BodyHandler<byte[]> anyStatus(int maxBytes) {
        return new BoundedJsonBodyHandler(maxBytes, false);
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (!onlyJson200) {
            return new Subscriber(maxBytes, declared > maxBytes ? new FetchException("body-too-large") : null);
        }
        if (info.statusCode() != 200) {
            return new Subscriber(maxBytes, new FetchException("http-" + info.statusCode()));
        }
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        if (!isJson(contentType)) {
            return new Subscriber(maxBytes, new FetchException("not-json"));
        }
        if (declared > maxBytes) {
            return new Subscriber(maxBytes, new FetchException("body-too-large"));
        }
        return new Subscriber(maxBytes, null);
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** Collects the body up to the limit, or refuses it outright when {@code rejection} is set. */
    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final int maxBytes;
        private final FetchException rejection;
        private Flow.Subscription subscription;

        Subscriber(int maxBytes, FetchException rejection) {
            this.maxBytes = maxBytes;
            this.rejection = rejection;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (rejection != null) {
                s.cancel();
                body.completeExceptionally(rejection);
                return;
            }
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new FetchException("body-too-large"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
