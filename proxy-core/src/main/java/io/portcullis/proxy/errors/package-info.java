/**
 * Error responses made by the proxy itself: a status, a reason code and the request id, as JSON or
 * a small escaped HTML page (built in, or the operator's template with every value escaped), never a
 * stack trace. May import Netty's HTTP codec and {@code config} (the templates).
 */
package io.portcullis.proxy.errors;
