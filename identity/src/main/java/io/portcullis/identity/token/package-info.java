/**
 * Strict JWT verification as a pipeline of small verifiers in the style of Nimbus's
 * DefaultJWTProcessor: compact-form parsing, header rules (typ, alg allowlist per issuer, no
 * embedded keys), key selection from the issuer's JWKS, the signature (a native provider where it
 * loads), then claims rules (iss, aud, exp, nbf, iat). Every failure has a named reason. May import
 * Nimbus, the config module and the JDK.
 */
package io.portcullis.identity.token;
