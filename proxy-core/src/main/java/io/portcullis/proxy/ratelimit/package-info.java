/**
 * Identity-aware rate limits: buckets per route and caller (identity, device or address), in this
 * process or shared through the state store (one atomic round trip, with a per-replica fallback
 * when the store cannot answer). May import the config and state packages.
 */
package io.portcullis.proxy.ratelimit;
