package no.permed.security.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import no.permed.kernel.KernelErrorCode;
import no.permed.kernel.NationalId;
import no.permed.kernel.PermedException;
import no.permed.security.testing.NationalIds;
import no.permed.security.testing.NationalIds.Generated;
import no.permed.security.testing.NationalIds.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel's {@link NationalId} against the real-world rules of the Norwegian national register,
 * with numbers whose check digits are computed by the test itself ({@link NationalIds}).
 */
class NationalIdRulesTest {
    private static final long SEED = 20240229L;

    static Stream<Generated> validNumbers() {
        Random random = new Random(SEED);
        List<Generated> numbers = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < 150; i++) {
                numbers.add(NationalIds.random(random, kind));
            }
        }
        return numbers.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validNumbers")
    void acceptsValidNumbersOfEveryKindAndReadsTheirBirthDate(Generated number) {
        NationalId parsed = NationalId.parse(number.digits());

        assertThat(parsed.digits()).isEqualTo(number.digits());
        assertThat(parsed.birthDate()).isEqualTo(number.birthDate());
        assertThat(parsed.kind().name()).isEqualTo(number.kind().name());
        assertThat(NationalId.isValid(number.digits())).isTrue();
    }

    static Stream<Arguments> wrongCheckDigits() {
        Random random = new Random(SEED + 1);
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Generated number = NationalIds.random(random, Kind.values()[i % 3]);
            for (int position : new int[] {9, 10}) {
                for (char wrong = '0'; wrong <= '9'; wrong++) {
                    if (number.digits().charAt(position) != wrong) {
                        char[] digits = number.digits().toCharArray();
                        digits[position] = wrong;
                        cases.add(Arguments.of(new String(digits), position + 1));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] digit {1} changed")
    @MethodSource("wrongCheckDigits")
    void refusesEveryWrongCheckDigit(String digits, int position) {
        assertThatThrownBy(() -> NationalId.parse(digits))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("check digit")
                .hasMessageContaining("digit " + position)
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(KernelErrorCode.INVALID_NATIONAL_ID))
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain(digits));
    }

    @Test
    void refusesAChangedBirthDateDigitThroughTheChecksum() {
        Generated number = NationalIds.random(new Random(SEED + 2), Kind.FODSELSNUMMER);
        char[] digits = number.digits().toCharArray();
        digits[5] = digits[5] == '1' ? '2' : '1';
        assertThat(NationalId.isValid(new String(digits))).isFalse();
    }

    /** Numbers with correct check digits whose date or century does not exist. */
    static Stream<Arguments> impossibleDates() {
        return Stream.of(
                Arguments.of("29 February 2023 (not a leap year)", 29, 2, 23, 600, Kind.FODSELSNUMMER),
                Arguments.of("29 February 1900 (century year, not a leap year)", 29, 2, 0, 100, Kind.FODSELSNUMMER),
                Arguments.of("29 February 1999 D-number", 29, 2, 99, 100, Kind.D_NUMBER),
                Arguments.of("29 February 2021 synthetic", 29, 2, 21, 800, Kind.SYNTHETIC),
                Arguments.of("31 April", 31, 4, 85, 200, Kind.FODSELSNUMMER),
                Arguments.of("day 0", 0, 6, 85, 200, Kind.FODSELSNUMMER),
                Arguments.of("day 32", 32, 1, 85, 200, Kind.FODSELSNUMMER),
                Arguments.of("month 0", 10, 0, 85, 200, Kind.FODSELSNUMMER),
                Arguments.of("month 13", 10, 13, 85, 200, Kind.FODSELSNUMMER),
                Arguments.of("D-number day 72 (32 + 40)", 32, 1, 85, 200, Kind.D_NUMBER),
                Arguments.of("synthetic month 93 (13 + 80)", 10, 13, 85, 200, Kind.SYNTHETIC),
                Arguments.of("individual 750-899 with year 40-99 is never issued", 10, 6, 85, 800, Kind.FODSELSNUMMER),
                Arguments.of("individual 500-749 with year 40-53 is never issued", 10, 6, 45, 600, Kind.FODSELSNUMMER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleDates")
    void refusesDatesAndCenturiesThatDoNotExist(String description, int day, int month, int year, int firstIndividual, Kind kind) {
        String digits = firstWithCheckDigits(day, month, year, firstIndividual, kind);
        assertThatThrownBy(() -> NationalId.parse(digits))
                .isInstanceOf(PermedException.class)
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(KernelErrorCode.INVALID_NATIONAL_ID))
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain(digits).doesNotContain("check digit"));
    }

    static Stream<Arguments> centuries() {
        return Stream.of(
                Arguments.of(29, 2, 0, 500, LocalDate.of(2000, 2, 29)),
                Arguments.of(29, 2, 96, 100, LocalDate.of(1996, 2, 29)),
                Arguments.of(1, 1, 60, 600, LocalDate.of(1860, 1, 1)),
                Arguments.of(1, 1, 54, 500, LocalDate.of(1854, 1, 1)),
                Arguments.of(31, 12, 99, 700, LocalDate.of(1899, 12, 31)),
                Arguments.of(1, 1, 40, 900, LocalDate.of(1940, 1, 1)),
                Arguments.of(1, 1, 39, 900, LocalDate.of(2039, 1, 1)),
                Arguments.of(1, 1, 39, 100, LocalDate.of(1939, 1, 1)),
                Arguments.of(15, 7, 10, 750, LocalDate.of(2010, 7, 15)),
                Arguments.of(15, 7, 10, 499, LocalDate.of(1910, 7, 15)));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("centuries")
    void placesTheBirthInTheCenturyTheIndividualNumberGives(int day, int month, int year, int firstIndividual, LocalDate birth) {
        String digits = firstWithCheckDigits(day, month, year, firstIndividual, Kind.FODSELSNUMMER);
        int individual = Integer.parseInt(digits.substring(6, 9));
        assertThat(NationalIds.individualNumbersFor(birth.getYear())).contains(individual);

        assertThat(NationalId.parse(digits).birthDate()).isEqualTo(birth);
    }

    @Test
    void readsDNumbersAndSyntheticNumbers() {
        String dNumber = firstWithCheckDigits(17, 5, 88, 300, Kind.D_NUMBER);
        String synthetic = firstWithCheckDigits(17, 5, 88, 300, Kind.SYNTHETIC);

        assertThat(dNumber).startsWith("57");
        assertThat(NationalId.parse(dNumber).kind()).isEqualTo(NationalId.Kind.D_NUMBER);
        assertThat(NationalId.parse(dNumber).birthDate()).isEqualTo(LocalDate.of(1988, 5, 17));
        assertThat(synthetic.substring(2, 4)).isEqualTo("85");
        assertThat(NationalId.parse(synthetic).kind()).isEqualTo(NationalId.Kind.SYNTHETIC);
        assertThat(NationalId.parse(synthetic).birthDate()).isEqualTo(LocalDate.of(1988, 5, 17));
    }

    @Test
    void refusesANumberThatIsBothADNumberAndSynthetic() {
        String digits = firstWithCheckDigits(
                NationalIds.leadingDigits(17, 5 + 80, 88, 300, Kind.D_NUMBER));
        assertThatThrownBy(() -> NationalId.parse(digits)).isInstanceOf(PermedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0101901248", "010190124800", "0101901248a", "01019 12480", "０１０１９０１２４８０"})
    void refusesTextThatIsNotElevenDigits(String text) {
        assertThatThrownBy(() -> NationalId.parse(text))
                .isInstanceOf(PermedException.class)
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(KernelErrorCode.INVALID_NATIONAL_ID));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> NationalId.parse(null)).isInstanceOf(PermedException.class);
    }

    @Test
    void neverShowsTheNumber() {
        Generated number = NationalIds.random(new Random(SEED + 3), Kind.FODSELSNUMMER);
        NationalId parsed = NationalId.parse(number.digits());

        assertThat(parsed.toString()).doesNotContain(number.digits()).contains("***");
    }

    private static String firstWithCheckDigits(int day, int month, int year, int firstIndividual, Kind kind) {
        for (int individual = firstIndividual; individual < firstIndividual + 50; individual++) {
            Optional<String> digits = NationalIds.withCheckDigits(NationalIds.leadingDigits(day, month, year, individual, kind));
            if (digits.isPresent()) {
                return digits.get();
            }
        }
        throw new IllegalStateException("no individual number with valid check digits near " + firstIndividual);
    }

    private static String firstWithCheckDigits(String nineDigits) {
        String prefix = nineDigits.substring(0, 6);
        int first = Integer.parseInt(nineDigits.substring(6));
        for (int individual = first; individual < first + 50; individual++) {
            Optional<String> digits = NationalIds.withCheckDigits(prefix + String.format(Locale.ROOT, "%03d", individual));
            if (digits.isPresent()) {
                return digits.get();
            }
        }
        throw new IllegalStateException("no individual number with valid check digits");
    }
}
