/**
 * HTTP/2 on the data listener (ALPN and prior-knowledge h2c): the request-head rules of RFC 9113
 * (pseudo-headers, connection-specific headers) enforced per stream before a request is decided,
 * malformed streams reset with PROTOCOL_ERROR. May import Netty's HTTP/2 codec and the edge
 * package.
 */
package io.portcullis.proxy.server.h2;
