package no.permed.testing;

/** Test teardown: closes what a test class opened, in the order given, skipping what was never opened. */
public final class Resources {
    private Resources() {
    }

    /**
     * Closes each part that is not null, in order (the last opened first, as the caller lists them); every part is
     * closed even when an earlier one fails, and the first failure is thrown at the end.
     */
    public static void closeInOrder(AutoCloseable... parts) {
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception failure) {
                if (first == null) {
                    first = failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
