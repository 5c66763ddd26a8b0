/**
 * How SETs reach Portcullis, free of any server framework: the RFC 8935 push endpoint as a function of
 * a request, the RFC 8936 poll client, the SSF metadata and stream management client with OAuth client
 * credentials, and the per-transmitter receiver that ties them together. May import the JDK (its
 * asynchronous HTTP client), Nimbus (JOSE and the OAuth SDK), SLF4J, {@code config} and the other
 * {@code identity} packages; never Netty.
 */
package io.portcullis.identity.events.delivery;
