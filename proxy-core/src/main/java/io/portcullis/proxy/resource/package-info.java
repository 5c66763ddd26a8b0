/**
 * RFC 9728 protected resource metadata: the document the proxy serves at
 * {@code /.well-known/oauth-protected-resource[/<path>]} for the routes it protects (which
 * authorization servers issue tokens for them, how a token is presented, which DPoP algorithms are
 * accepted), and the {@code resource_metadata} parameter of its 401 challenges that points there, so an
 * OAuth client can discover where to get a token ({@link ChallengeHeaders}: the challenge fields of every
 * refusal, the proxy's own and forward-auth's). May import config, the identity module's binding
 * challenges, the routing table, the SSO package's {@code LocalAnswer} and Netty's HTTP codec (for the
 * endpoint's answer only).
 */
package io.portcullis.proxy.resource;
