/**
 * One-time values: a proof or event identifier ({@code jti}) that must be accepted once and refused
 * every later time it is presented, within the window in which it could still be valid. DPoP proofs
 * (RFC 9449) and security event tokens (RFC 8417) both need this. Here live the interface and the
 * single-instance implementation; the replicated one (Redis) lives with the state store in
 * proxy-core, behind the same interface. May import the JDK and Caffeine only.
 */
package io.portcullis.identity.replay;
