/**
 * The verified-token cache: a token seen and verified once is recognised again by a digest of its
 * text (never stored in the clear), so a repeated token skips parsing and signature checks until it
 * expires. Allocation-light by design: it sits on every request. Also {@link
 * io.portcullis.identity.cache.CachedCalls}, the cache of a remote service's answers with one call per key.
 * May import Caffeine and the JDK.
 */
package io.portcullis.identity.cache;
