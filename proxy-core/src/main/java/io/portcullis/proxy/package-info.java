/**
 * The one place where everything is wired: {@link io.portcullis.proxy.Portcullis} starts the
 * listeners, the state store and the identity runtime, and swaps a {@link
 * io.portcullis.proxy.RuntimeConfig} (compiled config, policies, router, access pipeline)
 * atomically on reload. No framework: explicit constructors only. May import every proxy-core
 * package and the other modules.
 */
package io.portcullis.proxy;
