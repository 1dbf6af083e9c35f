package no.permed.security.testing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Makes Norwegian national identity numbers for tests, computing both mod-11 check digits here
 * (independently of the kernel's validator, which is what these numbers test).
 */
public final class NationalIds {
    private static final int[] FIRST_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] SECOND_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** Which kind of number to make. */
    public enum Kind {
        FODSELSNUMMER,
        D_NUMBER,
        SYNTHETIC
    }

    private NationalIds() {}

    /**
     * The 11 digits for these nine leading digits, or empty when no number exists (a check digit
     * would be 10, which is never issued).
     */
    public static Optional<String> withCheckDigits(String nineDigits) {
        if (!nineDigits.matches("[0-9]{9}")) {
            throw new IllegalArgumentException("nine digits expected");
        }
        int[] digits = new int[11];
        for (int i = 0; i < 9; i++) {
            digits[i] = nineDigits.charAt(i) - '0';
        }
        int first = checkDigit(digits, FIRST_WEIGHTS);
        if (first == 10) {
            return Optional.empty();
        }
        digits[9] = first;
        int second = checkDigit(digits, SECOND_WEIGHTS);
        if (second == 10) {
            return Optional.empty();
        }
        digits[10] = second;
        StringBuilder text = new StringBuilder();
        for (int digit : digits) {
            text.append(digit);
        }
        return Optional.of(text.toString());
    }

    private static int checkDigit(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        int remainder = sum % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }

    /** The nine leading digits for a birth date, kind and individual number (no range checks). */
    public static String leadingDigits(int day, int month, int twoDigitYear, int individual, Kind kind) {
        int dayField = kind == Kind.D_NUMBER ? day + 40 : day;
        int monthField = kind == Kind.SYNTHETIC ? month + 80 : month;
        return String.format(Locale.ROOT, "%02d%02d%02d%03d", dayField, monthField, twoDigitYear, individual);
    }

    /** The individual numbers issued for people born in this year. */
    public static List<Integer> individualNumbersFor(int year) {
        List<Integer> numbers = new ArrayList<>();
        for (int individual = 0; individual <= 999; individual++) {
            boolean issued;
            if (year >= 1854 && year <= 1899) {
                issued = individual >= 500 && individual <= 749;
            } else if (year >= 1900 && year <= 1999) {
                issued = individual <= 499 || (year >= 1940 && individual >= 900);
            } else if (year >= 2000 && year <= 2039) {
                issued = individual >= 500;
            } else {
                issued = false;
            }
            if (issued) {
                numbers.add(individual);
            }
        }
        return numbers;
    }

    /** A valid number of this kind for a random birth date between 1854 and 2039. */
    public static Generated random(Random random, Kind kind) {
        while (true) {
            LocalDate first = LocalDate.of(1854, 1, 1);
            int days = (int) ChronoUnit.DAYS.between(first, LocalDate.of(2039, 12, 31));
            LocalDate birth = first.plusDays(random.nextInt(days + 1));
            List<Integer> individuals = individualNumbersFor(birth.getYear());
            int individual = individuals.get(random.nextInt(individuals.size()));
            Optional<String> digits = withCheckDigits(leadingDigits(
                    birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear() % 100, individual, kind));
            if (digits.isPresent()) {
                return new Generated(digits.get(), kind, birth);
            }
        }
    }

    /** A generated number with what it encodes. */
    public record Generated(String digits, Kind kind, LocalDate birthDate) {
        @Override
        public String toString() {
            return kind + " born " + birthDate;
        }
    }
}
