/**
 * The identity service the proxy asks: who a bearer token says the caller is ({@link
 * io.portcullis.identity.IdentityService}, {@link io.portcullis.identity.AuthResult} with named
 * {@link io.portcullis.identity.AuthFailure}s), what device posture vouches for, and the verified
 * {@link io.portcullis.identity.Identity} with its token confirmation. The sub-packages do the work
 * (token checks, keys, cache, introspection, login, posture, bindings, events); this package wires
 * them per loaded config. May import the config module, Nimbus, Caffeine and SLF4J; never Netty or
 * proxy-core.
 */
package io.portcullis.identity;
