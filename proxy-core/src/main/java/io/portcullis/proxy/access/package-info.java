/**
 * The access decision as a component of its own: an {@link io.portcullis.proxy.access.AccessRequest}
 * goes through {@link io.portcullis.proxy.access.AccessPipeline} (authenticators in order, posture,
 * risk, policy, rate limit) to an {@link io.portcullis.proxy.access.AccessDecision}, which
 * {@link io.portcullis.proxy.access.AccessResponses} maps to what the client is answered, as plain
 * data. The proxy's listener, {@code explain} and {@code policy test} all run this one pipeline, so the
 * decision order is written once. Nothing here may import Netty (a test reads the compiled classes to
 * hold that): the same decision must be callable without a connection, by a WebSocket re-check, a
 * forward-auth endpoint or an offline tool. It may import the config, identity, policy, auth, sso,
 * risk, ratelimit and routing packages.
 */
package io.portcullis.proxy.access;
