/**
 * Routes compiled from config and the router that picks the first match by host, whole-segment path
 * prefix and method, indexed by exact host and first path segment. May import the config and policy
 * modules.
 */
package io.portcullis.proxy.routing;
