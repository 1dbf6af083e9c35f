package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A count as a client is shown it: exact, or a band such as {@code 1-4} (then {@code exact} is empty).
 *
 * @param exact the exact value, when the tier may see it
 * @param text the value as shown: {@code 17}, or {@code 1-4}
 */
public record ShownCount(OptionalInt exact, String text) {
    public ShownCount {
        requireNonNull(exact, "exact is null");
        requireNonNull(text, "text is null");
    }

    public static ShownCount exact(int value) {
        return new ShownCount(OptionalInt.of(value), Integer.toString(value));
    }

    public static ShownCount band(int low, int high) {
        return new ShownCount(OptionalInt.empty(), low + "-" + high);
    }
}
