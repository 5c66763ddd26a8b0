/**
 * The admin listener, separate from the data plane: metrics, health and readiness, the loaded
 * policies, and the run-time log level. It never serves proxied traffic. May import Netty,
 * Micrometer, Logback and the observe package.
 */
package io.portcullis.proxy.admin;
