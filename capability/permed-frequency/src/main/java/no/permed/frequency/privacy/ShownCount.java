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

    /**
     * {@code value} as a tier with the given band shows it: 0 and values from {@code bandBelow} on exactly, values from 1
     * to {@code bandBelow - 1} as the band {@code 1-(bandBelow-1)}; {@code bandBelow} 0 shows every value exactly.
     */
    public static ShownCount of(int value, int bandBelow) {
        if (value < 0) {
            throw new IllegalArgumentException("a count must not be negative but is " + value);
        }
        return banded(value, bandBelow) ? band(1, bandBelow - 1) : exact(value);
    }

    /** Whether {@code value} is shown as a band when counts below {@code bandBelow} are banded. */
    public static boolean banded(int value, int bandBelow) {
        return bandBelow > 1 && value >= 1 && value < bandBelow;
    }
}
