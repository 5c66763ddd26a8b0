/**
 * Revocations as identity sees them: what was revoked ({@link io.portcullis.identity.revocation.Revocation}),
 * the small interface identity consults and writes to ({@link io.portcullis.identity.revocation.Revocations},
 * implemented in memory here and, shared between replicas, by the proxy's state store), and the rules
 * that apply them to a session or a verified token. May import {@code io.portcullis.identity}, the JDK
 * and Caffeine; never the proxy, so the arrow stays proxy-core → identity.
 */
package io.portcullis.identity.revocation;
