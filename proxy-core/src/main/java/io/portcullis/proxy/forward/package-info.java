/**
 * What a request and a response look like on the other side of the proxy, as pure functions over
 * headers with no channel: {@link io.portcullis.proxy.forward.RequestRewrite} (hop-by-hop and override
 * headers removed, address headers by trust, X-Forwarded-*, X-Request-Id, identity headers, the
 * signed assertion, session cookies stripped), {@link io.portcullis.proxy.forward.ResponseRewrite}
 * (re-framing, {@code Connection}, request id, session cookies) and the rules they use, one per file
 * ({@link io.portcullis.proxy.forward.HopByHop}, {@link io.portcullis.proxy.forward.IdentityHeaderRule},
 * {@link io.portcullis.proxy.forward.SetHeaderRule}, {@link io.portcullis.proxy.forward.RemoveHeaderRule}).
 * May import Netty's HTTP header types, {@code config}, {@code identity}, {@code edge}'s header
 * scrubber, and the proxy's {@code RuntimeConfig},
 * {@code routing}, {@code auth} (the verdict), {@code sso} (cookies, assertion) and
 * {@code server.ws} (the WebSocket handshake's headers); never a channel or the server.
 */
package io.portcullis.proxy.forward;
