package io.portcullis.identity.events.delivery;

/**
 * What one RFC 8936 poll round trip did.
 *
 * @param received      SETs in the response
 * @param acknowledged  of them, accepted (or already received) and so to be acknowledged
 * @param refused       of them, refused and so to be reported in {@code setErrs}
 * @param moreAvailable the transmitter holds more
 */
public record PollRound(int received, int acknowledged, int refused, boolean moreAvailable) {
}
