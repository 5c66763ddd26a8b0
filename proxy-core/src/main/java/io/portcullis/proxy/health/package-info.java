/**
 * Readiness, one definition for the admin listener's {@code /readyz} and the data listener's
 * {@code health_path}: {@link io.portcullis.proxy.health.Readiness} reads the running config's issuers,
 * {@link io.portcullis.proxy.health.HealthAnswer} turns it into the data listener's answer. May import
 * Netty's HTTP types, {@code identity} and the proxy's {@code RuntimeConfig}; never a channel, a route
 * or an upstream: a probe must not depend on what it is meant to detect.
 */
package io.portcullis.proxy.health;
