/**
 * TLS for the listener (certificate reload off the event loops, client certificates as device
 * facts) and for upstreams (contexts built when a config is loaded, only looked up on a loop). May
 * import Netty's SSL handler and the config module.
 */
package io.portcullis.proxy.server.tls;
