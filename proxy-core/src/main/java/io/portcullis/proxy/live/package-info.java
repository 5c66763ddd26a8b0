/**
 * Live connections: the per-process registry of long-lived exchanges (relayed WebSockets, HTTP/1.1 and
 * HTTP/2 responses still streaming) with the request each was allowed with, and their re-evaluation
 * by the current config's access pipeline on a reload, at the expiry of the credential they were
 * allowed with, or when a security event names their subject, session or device. May import the
 * access pipeline, the runtime config, observability and Netty's event-loop types; never the server
 * package (the server registers here, through {@link io.portcullis.proxy.live.LiveClose}).
 */
package io.portcullis.proxy.live;
