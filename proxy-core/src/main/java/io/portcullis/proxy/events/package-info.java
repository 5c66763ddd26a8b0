/**
 * Security events in the running proxy: the Shared Signals receivers started and reloaded with the
 * config ({@link io.portcullis.proxy.events.SecurityEventReceivers}), the sink that turns each verified
 * event into revocations in the state store and re-evaluations of live connections
 * ({@link io.portcullis.proxy.events.EnforcingSink}), and their metrics and decision lines
 * ({@link io.portcullis.proxy.events.EventReport}). May import {@code identity.events}, {@code
 * identity.revocation}, {@code live}, {@code observe}, {@code config} and Micrometer; never the server
 * package (the listener reads the push endpoints from here) and never Netty.
 */
package io.portcullis.proxy.events;
