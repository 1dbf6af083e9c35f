package no.permed.genome.query;

import java.util.Optional;
import java.util.Set;

/**
 * Which samples a count covers: all live samples, or the samples with these catalogue row ids. Either
 * way only samples with reference calls are counted ({@link no.permed.genome.StoredSample#referenceCalls()}).
 */
public record SampleSelection(Optional<Set<Long>> sampleRowIds) {
    public SampleSelection {
        sampleRowIds = sampleRowIds.map(Set::copyOf);
    }

    public static SampleSelection all() {
        return new SampleSelection(Optional.empty());
    }

    public static SampleSelection of(Set<Long> rowIds) {
        return new SampleSelection(Optional.of(rowIds));
    }

    public boolean includes(long rowId) {
        return sampleRowIds.isEmpty() || sampleRowIds.get().contains(rowId);
    }
}
