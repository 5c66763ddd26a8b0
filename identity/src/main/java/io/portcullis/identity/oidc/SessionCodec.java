package io.portcullis.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.identity.token.PlainClaims;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Turns a {@link Session} into the sealed cookie value and back. An expired, tampered or foreign value
 * opens as null: the browser simply has no session.
 */
public final class SessionCodec {

    static final String TYPE = "portcullis-session+jwt";

    private final Sealer sealer;
    private final Clock clock;

    public SessionCodec(SessionKeys keys, Clock clock) {
        this.sealer = new Sealer(keys, TYPE);
        this.clock = clock;
    }

    public String encode(Session session) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(session.id())
                .claim("iid", session.issuerId())
                .issuer(session.issuer())
                .subject(session.subject())
                .claim("claims", session.claims())
                .claim("sid", session.idpSessionId())
                .claim("rt", session.refreshToken())
                .claim("at_exp", session.accessExpiresAt().getEpochSecond())
                .claim("up", session.stepUp())
                .claim("idt", session.idToken())
                .issueTime(Date.from(session.createdAt()))
                .expirationTime(Date.from(session.expiresAt()))
                .build();
        return sealer.seal(claims);
    }

    /** The session, or null when the value is not a valid, unexpired session of ours. */
    public Session decode(String value) {
        JWTClaimsSet c = sealer.open(value);
        if (c == null) {
            return null;
        }
        try {
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            Long accessExp = c.getLongClaim("at_exp");
            Map<String, Object> claims = c.getJSONObjectClaim("claims");
            if (exp == null || iat == null || accessExp == null || claims == null || c.getJWTID() == null
                    || c.getSubject() == null || c.getStringClaim("iid") == null || c.getIssuer() == null) {
                return null;
            }
            if (!clock.instant().isBefore(exp.toInstant())) {
                return null;
            }
            return new Session(c.getJWTID(), c.getStringClaim("iid"), c.getIssuer(), c.getSubject(),
                    PlainClaims.ofObject(claims), c.getStringClaim("sid"), c.getStringClaim("rt"),
                    Instant.ofEpochSecond(accessExp),
                    Boolean.TRUE.equals(c.getBooleanClaim("up")), iat.toInstant(), exp.toInstant(),
                    c.getStringClaim("idt"));
        } catch (ParseException e) {
            return null;
        }
    }
}
