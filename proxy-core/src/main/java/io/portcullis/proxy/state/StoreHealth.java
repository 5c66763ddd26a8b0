package io.portcullis.proxy.state;

/**
 * The store's state for {@code /readyz} and {@code portcullis_state_store_up}.
 *
 * @param up     true when the store answers
 * @param reason why not (no credential in it); null when up
 */
public record StoreHealth(boolean up, String reason) {

    public static final StoreHealth UP = new StoreHealth(true, null);

    public static StoreHealth down(String reason) {
        return new StoreHealth(false, reason);
    }
}
