/**
 * WebSockets: the upgrade handshake passed to routes that allow it, the byte relay between client
 * and upstream after the 101, and the policy-violation close (1008) a live re-evaluation sends. May
 * import Netty.
 */
package io.portcullis.proxy.server.ws;
