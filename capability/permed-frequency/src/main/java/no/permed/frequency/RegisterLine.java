package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import no.permed.vcf.normalise.VariantKey;

/**
 * The register's exact line for one variant (before any tier's privacy rules).
 *
 * @param variant the variant
 * @param overall over every counted sample
 * @param populations per population label (1000 Genomes' {@code GBR}, …), for the labels with a counted sample here
 * @param superPopulations per super-population label ({@code EUR}, …)
 * @param datasets per dataset (cohort name, or {@code clinical})
 */
public record RegisterLine(VariantKey variant, Counts overall, Map<String, Counts> populations,
        Map<String, Counts> superPopulations, Map<String, Counts> datasets) {
    public RegisterLine {
        requireNonNull(variant, "variant is null");
        requireNonNull(overall, "overall is null");
        populations = Collections.unmodifiableMap(new TreeMap<>(populations));
        superPopulations = Collections.unmodifiableMap(new TreeMap<>(superPopulations));
        datasets = Collections.unmodifiableMap(new TreeMap<>(datasets));
    }
}
