/**
 * RFC 7662 introspection of opaque (non-JWT) bearer tokens at their issuer, with positive and
 * negative answers cached for bounded times and an unreachable endpoint reported as such, never as
 * inactive. May import Nimbus OAuth SDK, Caffeine, the config module and the JDK HTTP client.
 */
package io.portcullis.identity.introspection;
