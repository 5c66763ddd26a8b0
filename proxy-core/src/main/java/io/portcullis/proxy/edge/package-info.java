/**
 * The strict HTTP/1.1 edge: the decoder with raw-byte framing checks, the request guard (sizes,
 * Host, framing), the one canonical path, and the gate that passes a request on or refuses it by
 * firing an {@link io.portcullis.proxy.edge.EdgeRefusal} down the pipeline (the edge never knows who
 * answers). May import Netty's codec and {@code config}; never the server, routing or access code.
 */
package io.portcullis.proxy.edge;
