package io.portcullis.proxy.server;

/**
 * The user event a stopping server fires into every open connection: stop taking new requests,
 * finish the exchange in progress, then close. HTTP/2 connections answer with GOAWAY.
 */
public enum ShutdownDrain {
    /** The only instance. */
    EVENT
}
