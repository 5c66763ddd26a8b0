package io.portcullis.policy;

/**
 * Three-valued logic (Kleene). A criterion about a fact the request does not carry is
 * {@link #UNKNOWN}: {@code allow} needs {@link #TRUE}; a {@code deny} fires on TRUE or UNKNOWN,
 * so a missing fact can never open a door.
 */
public enum Tri {
    TRUE, FALSE, UNKNOWN;

    public static Tri of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public Tri and(Tri o) {
        if (this == FALSE || o == FALSE) {
            return FALSE;
        }
        return (this == TRUE && o == TRUE) ? TRUE : UNKNOWN;
    }

    public Tri or(Tri o) {
        if (this == TRUE || o == TRUE) {
            return TRUE;
        }
        return (this == FALSE && o == FALSE) ? FALSE : UNKNOWN;
    }

    public Tri not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
