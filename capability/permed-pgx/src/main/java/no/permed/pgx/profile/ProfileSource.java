package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a profile's calls came from, for the clinician reading them years later.
 *
 * @param fileName the input's file name (no path), e.g. {@code NA18526.vcf.gz}, or the genome store's sample reference
 * @param laboratory the laboratory (organisation id) that sequenced the sample, when known
 * @param testType the kind of test ({@code genome}, {@code exome}, {@code panel}, …), when known
 */
public record ProfileSource(Optional<String> fileName, Optional<String> laboratory, Optional<String> testType) {
    static final int MAXIMUM_LENGTH = 500;

    public ProfileSource {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(laboratory, "laboratory is null");
        requireNonNull(testType, "testType is null");
        check("fileName", fileName);
        check("laboratory", laboratory);
        check("testType", testType);
    }

    /** A source known by its file name only. */
    public static ProfileSource ofFile(String fileName) {
        return new ProfileSource(Optional.of(fileName), Optional.empty(), Optional.empty());
    }

    /** A sample of the genome store: file, laboratory and test type as the store has them. */
    public static ProfileSource of(String fileName, String laboratory, String testType) {
        return new ProfileSource(Optional.of(fileName), Optional.of(laboratory), Optional.of(testType));
    }

    private static void check(String field, Optional<String> value) {
        if (value.isPresent() && (value.get().isBlank() || value.get().length() > MAXIMUM_LENGTH)) {
            throw new IllegalArgumentException(field + " must be 1-" + MAXIMUM_LENGTH + " characters when given, not "
                    + (value.get().isBlank() ? "blank" : value.get().length() + " characters"));
        }
    }
}
