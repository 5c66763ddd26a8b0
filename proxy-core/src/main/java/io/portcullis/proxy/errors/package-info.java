/**
 * Error responses made by the proxy itself: a status, a reason code and the request id, as JSON or
 * a small escaped HTML page, never a stack trace. May import Netty's HTTP codec.
 */
package io.portcullis.proxy.errors;
