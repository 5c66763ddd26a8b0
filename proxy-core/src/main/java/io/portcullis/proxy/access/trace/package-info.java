/**
 * The access pipeline's stages wrapped so that each records a step of the request's
 * {@link io.portcullis.proxy.access.AccessTrace} (a child span): which authenticator answered what,
 * what the policy decided and why. Only codes and names are recorded, never a credential. A request
 * that is not traced goes straight to the wrapped stage. May import the access package; no Netty, no
 * tracing library.
 */
package io.portcullis.proxy.access.trace;
