/**
 * Portcullis as an AuthZEN policy enforcement point: the client of the external PDPs under
 * {@code authzen_pdps} that {@code authzen} policy criteria ask. It sends AuthZEN 1.0 evaluation requests
 * over the JDK's asynchronous HTTP client (never on an event loop), bounds each by a time-out and its
 * answer by size, and caches answers. Every failure is an unavailable answer, never an exception, so the
 * access pipeline can only ever fail closed. No Netty here: the access stages use it.
 */
package io.portcullis.proxy.pdp;
