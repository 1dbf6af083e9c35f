package no.permed.kernel;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;

/**
 * A validated Norwegian national identity number: a fødselsnummer, a D-number (day + 40), or a
 * synthetic test number as issued by the Norwegian Tax Administration's test environment
 * (month + 80). Both mod-11 check digits, the date and the century rule of the individual number
 * are checked.
 *
 * <p>Personal data: {@link #toString()} is masked, and no error message carries the number. It is
 * turned into a {@link Pseudonym} at the edge and never stored.
 */
public final class NationalId {
    private static final int[] WEIGHTS_1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] WEIGHTS_2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** What kind of number this is. */
    public enum Kind {
        FODSELSNUMMER,
        D_NUMBER,
        /** Synthetic test identity (month + 80); accepted only where the configuration allows it. */
        SYNTHETIC
    }

    private final String digits;
    private final Kind kind;
    private final LocalDate birthDate;

    private NationalId(String digits, Kind kind, LocalDate birthDate) {
        this.digits = digits;
        this.kind = kind;
        this.birthDate = birthDate;
    }

    /**
     * Parses and validates a national identity number (11 digits; spaces are not allowed).
     *
     * @throws PermedException INVALID_NATIONAL_ID naming the rule that failed, never the value
     */
    public static NationalId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("is missing");
        }
        if (text.length() != 11 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("must be exactly 11 digits");
        }
        int[] d = new int[11];
        for (int i = 0; i < 11; i++) {
            d[i] = text.charAt(i) - '0';
        }
        if (checkDigit(d, WEIGHTS_1) != d[9]) {
            throw invalid("has a wrong first check digit (digit 10)");
        }
        if (checkDigit(d, WEIGHTS_2) != d[10]) {
            throw invalid("has a wrong second check digit (digit 11)");
        }
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        int year = d[4] * 10 + d[5];
        int individual = d[6] * 100 + d[7] * 10 + d[8];
        Kind kind = Kind.FODSELSNUMMER;
        if (day > 40) {
            kind = Kind.D_NUMBER;
            day -= 40;
        }
        if (month > 80) {
            if (kind == Kind.D_NUMBER) {
                throw invalid("cannot be both a D-number and a synthetic number");
            }
            kind = Kind.SYNTHETIC;
            month -= 80;
        }
        int century = century(individual, year);
        if (century < 0) {
            throw invalid("has an individual number (digits 7 to 9) that does not fit the year of birth");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(century + year, month, day);
        } catch (DateTimeException e) {
            throw invalid("does not start with a valid date of birth (DDMMYY)");
        }
        return new NationalId(text, kind, birthDate);
    }

    /** Whether the text is a valid national identity number. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (PermedException e) {
            return false;
        }
    }

    private static int checkDigit(int[] digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digits[i] * weights[i];
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    /** The century of birth from the individual number, or -1 where the combination is not issued. */
    private static int century(int individual, int year) {
        if (individual <= 499) {
            return 1900;
        }
        if (individual <= 749 && year >= 54) {
            return 1800;
        }
        if (year <= 39) {
            return 2000;
        }
        if (individual >= 900) {
            return 1900;
        }
        return -1;
    }

    private static PermedException invalid(String problem) {
        return new PermedException(
                KernelErrorCode.INVALID_NATIONAL_ID,
                "national identity number " + problem,
                Map.of("field", "nationalId"));
    }

    /**
     * The 11 digits. Personal data: pass them only to the pseudonymiser; never log, store or
     * return them.
     */
    public String digits() {
        return digits;
    }

    public Kind kind() {
        return kind;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NationalId that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** Masked: never shows the number. */
    @Override
    public String toString() {
        return "NationalId[" + kind + ", ***********]";
    }
}
