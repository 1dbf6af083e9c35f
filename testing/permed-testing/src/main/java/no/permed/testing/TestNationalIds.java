package no.permed.testing;

import java.util.Locale;

/**
 * Synthetic Norwegian national identity numbers for tests: the month is written plus 80 (as in the
 * Tax Administration's synthetic test numbers), so no real person can have them, and both mod-11 check
 * digits are computed here from the published rule, independently of the product's validator.
 */
public final class TestNationalIds {
    private TestNationalIds() {
    }

    /** The first valid synthetic number born {@code day.month.19year} (individual numbers 100–499, the 1900s). */
    public static String synthetic(int day, int month, int year) {
        for (int individual = 100; individual < 500; individual++) {
            String base = String.format(Locale.ROOT, "%02d%02d%02d%03d", day, month + 80, year, individual);
            int first = check(base, new int[] {3, 7, 6, 1, 8, 9, 4, 5, 2});
            if (first < 0) {
                continue;
            }
            int second = check(base + first, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
            if (second >= 0) {
                return base + first + second;
            }
        }
        throw new IllegalStateException("no synthetic number with valid check digits for " + day + "." + month + "." + year);
    }

    private static int check(String digits, int[] weights) {
        int sum = 0;
        for (int index = 0; index < weights.length; index++) {
            sum += (digits.charAt(index) - '0') * weights[index];
        }
        int remainder = 11 - sum % 11;
        return remainder == 11 ? 0 : remainder == 10 ? -1 : remainder;
    }
}
