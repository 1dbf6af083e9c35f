package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.permed.vcf.genome.Assembly;

/**
 * A dataset of the register: a research cohort, or the patients' care samples ({@link RegisteredSample#CLINICAL}).
 *
 * @param name the dataset's name (the cohort's)
 * @param countedSamples per assembly, the samples that count in the register
 * @param populations the population labels of its counted samples
 */
public record DatasetSummary(String name, Map<Assembly, Integer> countedSamples, Set<String> populations) {
    public DatasetSummary {
        requireNonNull(name, "name is null");
        countedSamples = Collections.unmodifiableMap(new EnumMap<>(countedSamples.isEmpty() ? Map.of(Assembly.GRCH38, 0) : countedSamples));
        populations = Collections.unmodifiableSet(new TreeSet<>(populations));
    }

    /** Counted samples over all assemblies. */
    public int totalSamples() {
        return countedSamples.values().stream().mapToInt(Integer::intValue).sum();
    }

    static final class Builder {
        private final String name;
        private final Map<Assembly, Integer> counts = new EnumMap<>(Assembly.class);
        private final Set<String> populations = new TreeSet<>();

        Builder(String name) {
            this.name = name;
        }

        void add(RegisteredSample sample) {
            counts.merge(sample.assembly(), 1, Integer::sum);
            sample.population().ifPresent(populations::add);
        }

        DatasetSummary build() {
            return new DatasetSummary(name, counts, populations);
        }
    }
}
