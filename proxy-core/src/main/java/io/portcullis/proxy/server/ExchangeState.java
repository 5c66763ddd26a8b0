package io.portcullis.proxy.server;

/**
 * Where one {@link Exchange} is. It moves forward only:
 * <pre>
 * DECIDING ─┬─► ANSWERING_LOCALLY ─────────────────────────────────► DONE
 *           └─► CONNECTING ─► FORWARDING ─► STREAMING_RESPONSE ─────► DONE
 *                                       └─► SWITCHING ─► SWITCHED
 * </pre>
 * Any state but SWITCHED may end in DONE early (a refusal, a failure, the client gone). Whether the
 * client got any byte of a response follows from the state: from STREAMING_RESPONSE on it did, and an
 * error can then only cut the response, never replace it.
 */
enum ExchangeState {
    /** The head is in; route, admission checks and the access decision are under way. */
    DECIDING,
    /** A response made here (a refusal, a login redirect, a reserved path's answer) is being prepared. */
    ANSWERING_LOCALLY,
    /** Authorized: waiting for an upstream connection, new or pooled. */
    CONNECTING,
    /** The request is going or has gone upstream; no response head yet. */
    FORWARDING,
    /** The response head went to the client; its body is being relayed. */
    STREAMING_RESPONSE,
    /** A 101 to a WebSocket handshake went to the client; the relay starts at its end. */
    SWITCHING,
    /** Both connections were handed to the byte relay: no HTTP left, the exchange is logged. */
    SWITCHED,
    /** Answered or aborted, and logged. */
    DONE;

    /** Whether the client got (part of) a response: an error now can only cut it. */
    boolean responseStarted() {
        return this == STREAMING_RESPONSE || this == SWITCHING || this == SWITCHED;
    }

    /** Whether the exchange is over. */
    boolean ended() {
        return this == DONE || this == SWITCHED;
    }
}
