package io.portcullis.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/** Seals a {@link LoginState} into its cookie value and opens it again (null when invalid or expired). */
public final class LoginStateCodec {

    static final String TYPE = "portcullis-login+jwt";

    private final Sealer sealer;
    private final Clock clock;

    public LoginStateCodec(SessionKeys keys, Clock clock) {
        this.sealer = new Sealer(keys, TYPE);
        this.clock = clock;
    }

    public String encode(LoginState login) {
        return sealer.seal(new JWTClaimsSet.Builder()
                .claim("state", login.state())
                .claim("nonce", login.nonce())
                .claim("cv", login.codeVerifier())
                .claim("ret", login.returnTo())
                .claim("up", login.stepUp())
                .expirationTime(Date.from(login.expiresAt()))
                .build());
    }

    public LoginState decode(String value) {
        JWTClaimsSet c = sealer.open(value);
        if (c == null) {
            return null;
        }
        try {
            Date exp = c.getExpirationTime();
            String state = c.getStringClaim("state");
            String nonce = c.getStringClaim("nonce");
            String verifier = c.getStringClaim("cv");
            String returnTo = c.getStringClaim("ret");
            if (exp == null || state == null || nonce == null || verifier == null || returnTo == null
                    || !clock.instant().isBefore(exp.toInstant())) {
                return null;
            }
            return new LoginState(state, nonce, verifier, returnTo, Boolean.TRUE.equals(c.getBooleanClaim("up")),
                    Instant.ofEpochSecond(exp.getTime() / 1000));
        } catch (ParseException e) {
            return null;
        }
    }
}
