package io.portcullis.policy.values;

/**
 * A string as the regex engine sees it, counting every character read and giving up past a budget.
 * Rejecting nested quantifiers at compile time stops the exponential cases; this bounds the
 * polynomial ones too ({@code a*a*a*a*b}), which no simple shape check catches.
 */
final class BudgetedChars implements CharSequence {

    /** Thrown when the budget is spent; stackless, since it is control flow, not an error. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex budget exhausted", null, false, false);
        }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();

    private final String text;
    private final int offset;
    private final int length;
    private final long[] remaining;

    private BudgetedChars(String text, int offset, int length, long[] remaining) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.remaining = remaining;
    }

    BudgetedChars(String text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw EXHAUSTED;
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedChars(text, offset + start, end - start, remaining);
    }

    @Override
    public String toString() {
        return text.substring(offset, offset + length);
    }
}
