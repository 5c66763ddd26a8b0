package io.portcullis.proxy.live;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.portcullis.identity.Identity;
import io.portcullis.identity.revocation.TokenRevocationCheck;
import io.portcullis.proxy.access.AccessRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One long-lived exchange as the registry holds it: the request it was allowed with, the identity
 * facts an event is matched against, and how to end it on its own event loop. The identity facts are
 * fixed at registration; only the loop touches the expiry timer and the closed flag.
 */
public final class LiveEntry {

    /** What kind of exchange this is, for logs and metrics. */
    public enum Kind { WEBSOCKET, STREAM }

    private final Kind kind;
    private final int status;
    private final AccessRequest request;
    private final String issuerId;
    private final String issuer;
    private final String subject;
    private final String sid;
    private final String email;
    private final String deviceId;
    private final String dpopKey;
    private final Instant expiresAt;
    private final EventExecutor loop;
    private final LiveClose closer;
    private ScheduledFuture<?> expiryTimer;
    private boolean closed;

    /**
     * @param identity who it was allowed for, or null (an anonymous request on a public route)
     * @param deviceId the device posture's id, or null
     * @param status   the status the client received: 101 for a WebSocket, the response's for a stream
     */
    public LiveEntry(Kind kind, int status, AccessRequest request, Identity identity, String deviceId,
                     EventExecutor loop, LiveClose closer) {
        this.kind = Objects.requireNonNull(kind);
        this.status = status;
        this.request = Objects.requireNonNull(request);
        this.issuerId = identity == null ? null : identity.issuerId();
        this.issuer = identity == null ? null : identity.issuer();
        this.subject = identity == null ? null : identity.subject();
        this.sid = identity == null || !(identity.claims().get("sid") instanceof String s) ? null : s;
        this.email = identity == null ? null : TokenRevocationCheck.verifiedEmail(identity.claims());
        this.deviceId = deviceId;
        // Allowed with a DPoP-bound token: the proof of that key was checked then (an unproven bound token is refused).
        this.dpopKey = identity == null ? null : identity.confirmation().jwkThumbprint();
        this.expiresAt = identity == null ? null : identity.expiresAt();
        this.loop = Objects.requireNonNull(loop);
        this.closer = Objects.requireNonNull(closer);
    }

    /** Every entry. */
    public static Predicate<LiveEntry> all() {
        return e -> true;
    }

    /** Entries allowed for {@code subject} at the issuer whose {@code iss} is {@code issuer}. */
    public static Predicate<LiveEntry> bySubject(String issuer, String subject) {
        return e -> subject.equals(e.subject) && issuer.equals(e.issuer);
    }

    /** Entries allowed with a token carrying {@code sid} from the issuer whose {@code iss} is {@code issuer}. */
    public static Predicate<LiveEntry> bySid(String issuer, String sid) {
        return e -> sid.equals(e.sid) && issuer.equals(e.issuer);
    }

    /** Entries allowed with the posture of {@code deviceId}. */
    public static Predicate<LiveEntry> byDevice(String deviceId) {
        return e -> deviceId.equals(e.deviceId);
    }

    /** Entries allowed by an identity of the issuer configured as {@code issuerId}. */
    public static Predicate<LiveEntry> byIssuerId(String issuerId) {
        return e -> issuerId.equals(e.issuerId);
    }

    public Kind kind() {
        return kind;
    }

    /** The status the client received before the exchange went on streaming. */
    public int status() {
        return status;
    }

    public AccessRequest request() {
        return request;
    }

    public String issuerId() {
        return issuerId;
    }

    public String issuer() {
        return issuer;
    }

    public String subject() {
        return subject;
    }

    public String sid() {
        return sid;
    }

    /** The verified email it was allowed with, lower-cased, or null. */
    public String email() {
        return email;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The thumbprint of the DPoP key its token is bound to (proven when it was allowed), or null. */
    public String dpopKey() {
        return dpopKey;
    }

    /** When the credential it was allowed with expires, or null. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The event loop of the exchange's channel: its re-evaluation and closing run there. */
    public EventExecutor loop() {
        return loop;
    }

    boolean closed() {
        return closed;
    }

    /** Ends the exchange once (on its loop). */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        cancelExpiry();
        closer.close(reason);
    }

    void expiryTimer(ScheduledFuture<?> timer) {
        cancelExpiry();
        expiryTimer = timer;
    }

    void cancelExpiry() {
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
            expiryTimer = null;
        }
    }

    /** Marks it ended by its own course (the response finished, a side closed): nothing more to do. */
    void ended() {
        closed = true;
        cancelExpiry();
    }
}
