package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which population each reference sample belongs to, as read by {@link PopulationFileReader}.
 *
 * @param fileName the file's name (no directories), for messages
 * @param samples sample → population, in file order
 */
public record Populations(String fileName, Map<String, PopulationLabel> samples) {
    /** The pseudo-population of every labelled sample. */
    public static final String ALL = "ALL";

    /** The 1000 Genomes phase 3 populations grouped into their five super-populations. */
    private static final Map<String, String> THOUSAND_GENOMES = Map.ofEntries(
            Map.entry("ACB", "AFR"), Map.entry("ASW", "AFR"), Map.entry("ESN", "AFR"), Map.entry("GWD", "AFR"),
            Map.entry("LWK", "AFR"), Map.entry("MSL", "AFR"), Map.entry("YRI", "AFR"),
            Map.entry("CLM", "AMR"), Map.entry("MXL", "AMR"), Map.entry("PEL", "AMR"), Map.entry("PUR", "AMR"),
            Map.entry("CDX", "EAS"), Map.entry("CHB", "EAS"), Map.entry("CHS", "EAS"), Map.entry("JPT", "EAS"),
            Map.entry("KHV", "EAS"),
            Map.entry("CEU", "EUR"), Map.entry("FIN", "EUR"), Map.entry("GBR", "EUR"), Map.entry("IBS", "EUR"),
            Map.entry("TSI", "EUR"),
            Map.entry("BEB", "SAS"), Map.entry("GIH", "SAS"), Map.entry("ITU", "SAS"), Map.entry("PJL", "SAS"),
            Map.entry("STU", "SAS"));

    public Populations {
        requireNonNull(fileName, "fileName is null");
        samples = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(samples, "samples is null")));
    }

    /** The label of {@code sample}, if the file names it. */
    public Optional<PopulationLabel> of(String sample) {
        return Optional.ofNullable(samples.get(sample));
    }

    /** Every population and super-population code of the file, sorted. */
    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (PopulationLabel label : samples.values()) {
            codes.add(label.population());
            label.superPopulation().ifPresent(codes::add);
        }
        return codes;
    }

    /** The 1000 Genomes super-population of a population code ({@code GBR} → {@code EUR}), if it is one of the 26. */
    public static Optional<String> thousandGenomesSuperPopulation(String population) {
        return Optional.ofNullable(THOUSAND_GENOMES.get(population));
    }
}
