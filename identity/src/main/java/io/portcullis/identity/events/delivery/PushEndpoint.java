package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.SetVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The RFC 8935 push receiver of one transmitter, free of any transport: a request in, a response out.
 * In order: the body's size (refused before anything is parsed), the stream's authorization header
 * (compared in constant time), the content type, then the SET itself through {@link SetIntake}.
 */
public final class PushEndpoint {

    /** The largest body accepted; the transport should stop buffering one byte past it. */
    public static final int MAX_BODY_BYTES = SetVerifier.MAX_SET_BYTES;

    private final SetIntake intake;
    private final byte[] expectedDigest;
    private final SecurityEventsListener listener;

    /**
     * @param authorizationSecret the secret the transmitter presents as {@code Authorization: Bearer <secret>};
     *                            null when this transmitter delivers by poll (every push is then denied)
     */
    public PushEndpoint(SetIntake intake, String authorizationSecret, SecurityEventsListener listener) {
        this.intake = intake;
        this.expectedDigest = authorizationSecret == null ? null : sha256("Bearer " + authorizationSecret);
        this.listener = listener;
    }

    /** Never completes exceptionally. */
    public CompletableFuture<PushResponse> handle(PushRequest request) {
        SetFailure early = admit(request);
        if (early != null) {
            return CompletableFuture.completedFuture(answer(PushResponse.refused(early)));
        }
        String compact = new String(request.body(), StandardCharsets.US_ASCII);
        return intake.receive(compact).thenApply(result ->
                answer(result.accepted() ? PushResponse.accepted() : PushResponse.refused(result.failure())));
    }

    /**
     * The answer for a request whose declared {@code Content-Length} is already too large, so the
     * transport need not read its body; null when the length is acceptable.
     */
    public PushResponse refuseLength(long contentLength) {
        return contentLength > MAX_BODY_BYTES ? answer(PushResponse.refused(SetFailure.TOO_LARGE)) : null;
    }

    private SetFailure admit(PushRequest request) {
        if (request.body() == null || request.body().length > MAX_BODY_BYTES) {
            return SetFailure.TOO_LARGE;
        }
        if (expectedDigest == null) {
            return SetFailure.ACCESS_DENIED;
        }
        // Digests of equal length compared with isEqual: the time taken says nothing about the secret.
        String presented = request.authorization() == null ? "" : request.authorization();
        if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
            return SetFailure.AUTHENTICATION_FAILED;
        }
        if (!isSetContentType(request.contentType())) {
            return SetFailure.CONTENT_TYPE;
        }
        return null;
    }

    private PushResponse answer(PushResponse response) {
        listener.pushAnswered(intake.transmitter(), response.status());
        return response;
    }

    private static boolean isSetContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/secevent+jwt");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
