/**
 * The warm-up of the request path at start: synthetic decisions signed by a throwaway issuer that only
 * a warm-up's own identity service trusts, run through the real verifier, claims conversion, compiled
 * policies, identity headers and decision-line rendering before the listeners open, so that the first
 * real requests find the path compiled by the JIT. Nothing it does reaches an upstream, the decision
 * log, the process's metrics, its replay, revocation or rate-limit state.
 */
package io.portcullis.proxy.warmup;
