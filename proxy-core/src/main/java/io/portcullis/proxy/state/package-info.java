/**
 * The state replicas share: revocations (mirrored in memory, kept current by pub/sub, written back
 * after an outage), rate-limit buckets (one atomic round trip), risk history and one-time values.
 * {@link io.portcullis.proxy.state.StateStore} is the one entry point; {@code memory} keeps it all in
 * this process and {@code redis} shares it through Redis or Valkey with Lettuce. May import config,
 * identity (its {@code Revocations} interface), Caffeine, Lettuce and SLF4J; never the server or
 * Netty handlers, and nothing here may block a caller's thread on the network.
 */
package io.portcullis.proxy.state;
