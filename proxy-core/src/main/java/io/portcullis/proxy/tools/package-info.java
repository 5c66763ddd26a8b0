/**
 * Offline tools that share the proxy's code instead of copying it: {@link
 * io.portcullis.proxy.tools.OfflineAuthorizer} runs the one access pipeline on hand-given facts for
 * explain and policy test, config lint, and the decision log's hash-chain verifier. May import the
 * access, routing and edge packages; never a listener.
 */
package io.portcullis.proxy.tools;
