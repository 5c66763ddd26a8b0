/**
 * What Portcullis tells operators: the Micrometer metrics, the decision log (records, their JSON
 * line, the hash chain, the writer thread that seals and writes lines off the event loops) and the
 * Logback appenders and encoder that carry decision lines to stdout or a file. It may import
 * Micrometer, Logback/SLF4J, Netty's allocator (for its metrics), the identity module's events,
 * and the config and policy modules (a shadow verdict); nothing of the server or routing packages.
 */
package io.portcullis.proxy.observe;
