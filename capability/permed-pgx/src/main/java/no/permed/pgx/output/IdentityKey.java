package no.permed.pgx.output;

/**
 * A memo key that compares the object it wraps by identity: the writers remember text rendered for a result object
 * the interpreter hands out again (it memoises too), without the cost of deep equality on every sample.
 */
final class IdentityKey {
    private final Object item;

    IdentityKey(Object item) {
        this.item = item;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityKey key && key.item == item;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(item);
    }
}
