/**
 * The life of an issuer's signing keys: fetched from its JWKS only (never from a token header),
 * refreshed in the background, refetched at a bounded rate when an unknown key id appears, with
 * size-limited response bodies. Keys are looked up without blocking; fetches run off the event
 * loops. May import Nimbus, the config module and the JDK HTTP client.
 */
package io.portcullis.identity.jwks;
