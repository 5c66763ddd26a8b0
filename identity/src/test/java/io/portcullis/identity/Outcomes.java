package io.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Asserts on authentication outcomes. */
final class Outcomes {

    private Outcomes() {
    }

    static Identity authenticated(IdentityService service, String token) {
        AuthResult result = Await.result(service.authenticate(token));
        return assertInstanceOf(AuthResult.Authenticated.class, result, () -> "refused: " + result).identity();
    }

    static AuthResult.Rejected rejected(IdentityService service, String token, AuthFailure expected) {
        AuthResult result = Await.result(service.authenticate(token));
        AuthResult.Rejected rejected = assertInstanceOf(AuthResult.Rejected.class, result,
                () -> "expected " + expected + " but was accepted");
        assertEquals(expected, rejected.reason(), rejected::description);
        return rejected;
    }
}
