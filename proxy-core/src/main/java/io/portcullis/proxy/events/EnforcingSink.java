package io.portcullis.proxy.events;

import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.events.SubjectId;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.actions.SecurityActionSink;
import io.portcullis.identity.revocation.Revocation;
import io.portcullis.identity.revocation.Revocations;
import io.portcullis.proxy.live.LiveConnections;
import io.portcullis.proxy.live.LiveEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where verified security events take effect: a revocation is written to the state store's
 * {@link Revocations} (effective here at once, and on every replica through the store's mirror), then
 * this replica's live connections the event names are decided again, so a WebSocket or stream of an
 * ended session closes now. Each action is reported (decision-log line and counter) with what was
 * really done: an event naming an issuer no {@code issuers} entry has is ignored, with that reason.
 * Idempotent (a revocation written twice is one entry) and never blocks: the store writes in the
 * background, re-evaluations run on the connections' own loops.
 */
public final class EnforcingSink implements SecurityActionSink {

    /**
     * How long a revocation is kept at least: longer than any bearer token should live. An SSO session
     * may live longer ({@code sso.session_ttl}); then that is kept.
     */
    static final Duration MIN_LIFETIME = Duration.ofHours(24);
    /** The {@code cause} of re-evaluations and their decision lines. */
    static final String CAUSE = "security-event";
    /** The {@code cause} of re-evaluations for a revocation published by a replica. */
    static final String PUBLISHED_CAUSE = "revocation";

    private static final Logger LOG = LoggerFactory.getLogger(EnforcingSink.class);

    private final Revocations revocations;
    private final LiveConnections live;
    private final Supplier<PortcullisConfig> config;
    private final EventReport report;
    private final Clock clock;

    public EnforcingSink(Revocations revocations, LiveConnections live, Supplier<PortcullisConfig> config,
                         EventReport report, Clock clock) {
        this.revocations = revocations;
        this.live = live;
        this.config = config;
        this.report = report;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> apply(SecurityAction action) {
        PortcullisConfig cfg = config.get();
        Outcome outcome;
        // Java 17: no patterns in switch; the action's class decides.
        if (action instanceof SecurityAction.RevokeSession s) {
            outcome = revokeSession(cfg, s);
        } else if (action instanceof SecurityAction.RevokeSubjectBefore s) {
            outcome = revokeSubject(cfg, s);
        } else if (action instanceof SecurityAction.DeviceNonCompliant d) {
            outcome = deviceNonCompliant(cfg, d);
        } else if (action instanceof SecurityAction.ReevaluateSubject r) {
            outcome = reevaluate(cfg, r);
        } else if (action instanceof SecurityAction.Verified) {
            outcome = Outcome.ignored(null, null, null, "stream-verified");
        } else if (action instanceof SecurityAction.StreamStatusChanged s) {
            if ("enabled".equals(s.status())) {
                LOG.info("security events: transmitter {} says the stream is enabled", s.ref().transmitter());
            } else {
                LOG.warn("security events: transmitter {} says the stream is now {}{}: no events until it is enabled",
                        s.ref().transmitter(), s.status(), s.reason() == null ? "" : " (" + s.reason() + ")");
            }
            outcome = Outcome.ignored(null, null, null, "stream-" + s.status());
        } else {
            // The mapping's reason is a sentence: logged here, while the line and the counter say "ignored".
            LOG.info("security event {} ({}) from {} ignored: {}", action.ref().jti(), action.ref().type(),
                    action.ref().transmitter(), ((SecurityAction.Ignore) action).reason());
            outcome = Outcome.ignored(null, null, null, "ignored");
        }
        report.acted(action.ref(), outcome);
        return CompletableFuture.completedFuture(null);
    }

    private Outcome revokeSession(PortcullisConfig cfg, SecurityAction.RevokeSession s) {
        List<String> ids = issuerIds(cfg, s.issuer());
        if (ids.isEmpty()) {
            return Outcome.ignored(null, null, null, "issuer-not-configured");
        }
        Instant until = until(cfg, s.at());
        for (String id : ids) {
            revocations.revoke(new Revocation(Revocation.Kind.SID, id, s.sid(), s.at(), until));
        }
        int selected = live.reevaluate(LiveEntry.bySid(s.issuer(), s.sid()), CAUSE);
        return Outcome.applied(ids.get(0), null, null, "sid-revoked", selected);
    }

    private Outcome revokeSubject(PortcullisConfig cfg, SecurityAction.RevokeSubjectBefore s) {
        if (s.user() instanceof SubjectId.Email email) {
            return revokeEmail(cfg, s, email);
        }
        if (!(s.user() instanceof SubjectId.IssSub user)) {
            return Outcome.ignored(null, null, null, "subject-format-" + s.user().format() + "-not-enforced");
        }
        List<String> ids = issuerIds(cfg, user.iss());
        if (ids.isEmpty()) {
            return Outcome.ignored(null, user.sub(), null, "issuer-not-configured");
        }
        Instant until = until(cfg, s.before());
        for (String id : ids) {
            revocations.revoke(new Revocation(Revocation.Kind.SUBJECT, id, user.sub(), s.before(), until));
        }
        int selected = live.reevaluate(LiveEntry.bySubject(user.iss(), user.sub()), CAUSE);
        return Outcome.applied(ids.get(0), user.sub(), null, "subject-revoked", selected);
    }

    /**
     * A user named by email: an email carries no issuer, so the transmitter's own issuer is the one whose
     * tokens and sessions it can speak for (an MDM transmitter cannot end the IdP's sessions by email).
     */
    private Outcome revokeEmail(PortcullisConfig cfg, SecurityAction.RevokeSubjectBefore s, SubjectId.Email email) {
        String transmitterIssuer = cfg.securityEvents().transmitter(s.ref().transmitter())
                .map(t -> t.issuer()).orElse(null);
        List<String> ids = transmitterIssuer == null ? List.of() : issuerIds(cfg, transmitterIssuer);
        if (ids.isEmpty()) {
            return Outcome.ignored(null, null, null, "issuer-not-configured");
        }
        String address = email.email().toLowerCase(java.util.Locale.ROOT);
        Instant until = until(cfg, s.before());
        for (String id : ids) {
            revocations.revoke(new Revocation(Revocation.Kind.EMAIL, id, address, s.before(), until));
        }
        int selected = live.reevaluate(e -> address.equals(e.email()) && ids.contains(e.issuerId()), CAUSE);
        return Outcome.applied(ids.get(0), null, null, "email-revoked", selected);
    }

    private Outcome deviceNonCompliant(PortcullisConfig cfg, SecurityAction.DeviceNonCompliant d) {
        String device = deviceId(d.device());
        if (device == null) {
            return Outcome.ignored(null, null, null, "device-subject-format-" + d.device().format() + "-not-enforced");
        }
        revocations.revoke(new Revocation(Revocation.Kind.DEVICE, "", device, d.since(), until(cfg, d.since())));
        int selected = live.reevaluate(LiveEntry.byDevice(device), CAUSE);
        return Outcome.applied(null, null, device, "device-non-compliant", selected);
    }

    private Outcome reevaluate(PortcullisConfig cfg, SecurityAction.ReevaluateSubject r) {
        if (!(r.user() instanceof SubjectId.IssSub user)) {
            return Outcome.ignored(null, null, null, "subject-format-" + r.user().format() + "-not-enforced");
        }
        List<String> ids = issuerIds(cfg, user.iss());
        int selected = live.reevaluate(LiveEntry.bySubject(user.iss(), user.sub()), CAUSE);
        // Nothing is revoked: every request is decided anyway, with the claims its token carries.
        return Outcome.applied(ids.isEmpty() ? null : ids.get(0), user.sub(), null, "reevaluated", selected);
    }

    /**
     * A revocation some replica published (back-channel logout or security event, this replica's own
     * included): the live connections here it may end are decided again, cause {@code revocation}.
     */
    public void published(Revocation r) {
        var which = RevokedLive.of(r);
        if (which != null) {
            live.reevaluate(which, PUBLISHED_CAUSE);
        }
    }

    /** The config ids of the issuers whose {@code iss} is {@code iss} (usually one). */
    private static List<String> issuerIds(PortcullisConfig cfg, String iss) {
        return cfg.identity().issuers().stream().filter(i -> i.issuer().equals(iss)).map(IssuerConfig::id).toList();
    }

    /** The id a posture token carries for the device an event names, or null when it cannot name one. */
    private static String deviceId(SubjectId device) {
        if (device instanceof SubjectId.Opaque opaque) {
            return opaque.id();
        }
        return device instanceof SubjectId.IssSub issSub ? issSub.sub() : null;
    }

    private Instant until(PortcullisConfig cfg, Instant at) {
        Duration session = cfg.sso() == null ? Duration.ZERO : cfg.sso().sessionTtl();
        Duration lifetime = session.compareTo(MIN_LIFETIME) > 0 ? session : MIN_LIFETIME;
        Instant now = clock.instant();
        return (at.isAfter(now) ? at : now).plus(lifetime);
    }

    /**
     * What an action did.
     *
     * @param applied  false when nothing was enforced
     * @param issuerId the issuer the revocation was written for, or null
     * @param subject  the subject it names, or null
     * @param deviceId the device it names, or null
     * @param reason   a stable code
     * @param live     live connections selected for re-evaluation
     */
    record Outcome(boolean applied, String issuerId, String subject, String deviceId, String reason, int live) {

        static Outcome applied(String issuerId, String subject, String deviceId, String reason, int live) {
            return new Outcome(true, issuerId, subject, deviceId, reason, live);
        }

        static Outcome ignored(String issuerId, String subject, String deviceId, String reason) {
            return new Outcome(false, issuerId, subject, deviceId, reason, 0);
        }
    }
}
