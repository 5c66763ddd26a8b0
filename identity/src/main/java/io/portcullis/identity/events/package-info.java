/**
 * Security event tokens (RFC 8417 SETs) from Shared Signals transmitters, verified as strictly as
 * identity tokens ({@link io.portcullis.identity.events.SetVerifier}), and their content typed: subject
 * identifiers (RFC 9493 and SSF 1.0 complex subjects) and the CAEP, RISC and SSF event types. May import
 * the JDK, Nimbus JOSE, {@code config}, and {@code identity.jwks}, {@code identity.token} (key selection)
 * and {@code identity.replay}; never Netty.
 */
package io.portcullis.identity.events;
