/**
 * The decision API: a listener of its own where other proxies ask Portcullis for a decision instead of
 * sending it the request (nginx {@code auth_request}, Traefik ForwardAuth, Caddy {@code forward_auth},
 * Envoy {@code ext_authz} over HTTP). Each flavour only says where the original method, target and host
 * are read from ({@link io.portcullis.proxy.decisionapi.Flavour}); the caller must be trusted
 * ({@link io.portcullis.proxy.decisionapi.CallerTrust}) before anything it forwards is believed; the
 * target is canonicalized and routed as a proxied request's is, and decided by the one
 * {@link io.portcullis.proxy.access.AccessPipeline} ({@link io.portcullis.proxy.decisionapi.ForwardAuth}).
 * The same listener is an OpenID AuthZEN 1.0 PDP ({@link io.portcullis.proxy.decisionapi.AuthZenPdp}),
 * deciding given subject facts with the same pipeline through {@code tools.OfflineAuthorizer}. Only
 * {@link io.portcullis.proxy.decisionapi.DecisionApiServer} and its AuthZEN endpoint import Netty; the
 * package may import access, edge, routing, forward, observe, tools, server (addresses, request ids,
 * transports) and sso.
 */
package io.portcullis.proxy.decisionapi;
