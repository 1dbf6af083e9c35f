package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;
import no.permed.frequency.Counts;

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

    /**
     * {@code counts} with the band of a tier ({@link ShownCount#of}): AC and homozygotes banded, AN exact, AF only when
     * AC is shown exactly and AN is above 0.
     */
    public static PublishedCounts of(Counts counts, int bandBelow) {
        requireNonNull(counts, "counts is null");
        ShownCount alleleCount = ShownCount.of(counts.alleleCount(), bandBelow);
        OptionalDouble frequency = alleleCount.exact().isPresent() && counts.alleleNumber() > 0
                ? OptionalDouble.of(counts.alleleFrequency()) : OptionalDouble.empty();
        return new PublishedCounts(alleleCount, ShownCount.exact(counts.alleleNumber()), ShownCount.of(counts.homozygotes(), bandBelow),
                frequency);
    }
}
