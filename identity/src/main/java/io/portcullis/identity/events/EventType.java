package io.portcullis.identity.events;

import java.util.HashMap;
import java.util.Map;

/**
 * The event types Portcullis knows, by their URIs in a SET's {@code events} claim: CAEP 1.0, RISC 1.0
 * and the SSF 1.0 stream events. Everything else is {@link #UNKNOWN}: accepted, ignored and counted.
 */
public enum EventType {

    SESSION_REVOKED(Family.CAEP, "session-revoked"),
    CREDENTIAL_CHANGE(Family.CAEP, "credential-change"),
    DEVICE_COMPLIANCE_CHANGE(Family.CAEP, "device-compliance-change"),
    ASSURANCE_LEVEL_CHANGE(Family.CAEP, "assurance-level-change"),
    TOKEN_CLAIMS_CHANGE(Family.CAEP, "token-claims-change"),
    ACCOUNT_DISABLED(Family.RISC, "account-disabled"),
    ACCOUNT_PURGED(Family.RISC, "account-purged"),
    CREDENTIAL_COMPROMISE(Family.RISC, "credential-compromise"),
    SESSIONS_REVOKED(Family.RISC, "sessions-revoked"),
    IDENTIFIER_CHANGED(Family.RISC, "identifier-changed"),
    VERIFICATION(Family.SSF, "verification"),
    STREAM_UPDATED(Family.SSF, "stream-updated"),
    UNKNOWN(null, "unknown");

    /** Which specification defines the type, and so the prefix of its URI. */
    public enum Family {
        CAEP("https://schemas.openid.net/secevent/caep/event-type/"),
        RISC("https://schemas.openid.net/secevent/risc/event-type/"),
        SSF("https://schemas.openid.net/secevent/ssf/event-type/");

        private final String prefix;

        Family(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Map<String, EventType> BY_URI = new HashMap<>();
    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            if (type.family != null) {
                BY_URI.put(type.uri(), type);
            }
            BY_NAME.put(type.shortName, type);
        }
    }

    private final Family family;
    private final String shortName;

    EventType(Family family, String shortName) {
        this.family = family;
        this.shortName = shortName;
    }

    /** The type's URI; null for {@link #UNKNOWN}. */
    public String uri() {
        return family == null ? null : family.prefix + shortName;
    }

    /** The name used in config, logs and the {@code type} label, e.g. {@code session-revoked}. */
    public String shortName() {
        return shortName;
    }

    /** The type a URI names, or {@link #UNKNOWN}. */
    public static EventType ofUri(String uri) {
        return BY_URI.getOrDefault(uri, UNKNOWN);
    }

    /** The type of a short name as written in config, or {@link #UNKNOWN}. */
    public static EventType ofShortName(String name) {
        return BY_NAME.getOrDefault(name, UNKNOWN);
    }
}
