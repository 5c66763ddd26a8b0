/**
 * Sender-constrained tokens: whether a verified token is presented by the party it was bound to. A
 * DPoP proof (RFC 9449) is checked against the request's method and canonical URI, the token and the
 * token's {@code cnf.jkt}; a certificate-bound token (RFC 8705) against the verified client certificate;
 * and each issuer's {@code sender_constraint} says what an unbound or unproven token gets. Results are
 * named reasons and the RFC 9449 §7 challenge values, never exceptions. No Netty here: a request stage
 * hands in what it read. May import the JDK, Nimbus JOSE, the config records, and
 * {@code io.portcullis.identity} (its root package, {@code replay} and {@code token}).
 */
package io.portcullis.identity.binding;
