/**
 * The self-contained dev mode: an embedded token issuer, a posture issuer, a sample upstream and a
 * generated config in a temporary directory that is removed on exit, plus the printed tour of
 * allowed and denied requests. May import the test fixtures module and the rest of proxy-core.
 */
package io.portcullis.proxy.dev;
