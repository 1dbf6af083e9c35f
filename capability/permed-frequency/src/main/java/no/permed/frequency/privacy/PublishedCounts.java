package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * One group's counts as a client of a tier is shown them.
 *
 * @param alleleFrequency AF, only when AC is shown exactly
 */
public record PublishedCounts(ShownCount alleleCount, ShownCount alleleNumber, ShownCount homozygotes, OptionalDouble alleleFrequency) {
    public PublishedCounts {
        requireNonNull(alleleCount, "alleleCount is null");
        requireNonNull(alleleNumber, "alleleNumber is null");
        requireNonNull(homozygotes, "homozygotes is null");
        requireNonNull(alleleFrequency, "alleleFrequency is null");
    }
}
