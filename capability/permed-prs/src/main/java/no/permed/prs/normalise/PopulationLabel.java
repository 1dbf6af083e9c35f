package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The population of one reference sample.
 *
 * @param population the population code as the file gives it ({@code GBR})
 * @param superPopulation the super-population ({@code EUR}): the file's column, else the 1000 Genomes grouping of the
 *     population code, else empty
 */
public record PopulationLabel(String population, Optional<String> superPopulation) {
    public PopulationLabel {
        requireNonNull(population, "population is null");
        requireNonNull(superPopulation, "superPopulation is null");
        if (population.isBlank()) {
            throw new IllegalArgumentException("population is blank");
        }
    }

    /** Whether this sample belongs to {@code code}: its population or super-population (case-sensitive), or {@code ALL}. */
    public boolean belongsTo(String code) {
        return Populations.ALL.equals(code) || population.equals(code) || superPopulation.map(code::equals).orElse(false);
    }
}
