package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The versions of the data the knowledge was generated from, read from the {@code VERSION} resource
 * (written by {@code src/build/make-knowledge.py}). {@link #properties()} holds every line, including the
 * sha256 of each source file ({@code sha256.<path>}) and the source commits ({@code source.<tag>}).
 */
public record DataVersion(
        String alleleDefinitions, String cpicPhenotypes, String dpwgPhenotypes, String recommendations, Map<String, String> properties) {
    public DataVersion {
        requireNonNull(alleleDefinitions, "alleleDefinitions is null");
        requireNonNull(cpicPhenotypes, "cpicPhenotypes is null");
        requireNonNull(dpwgPhenotypes, "dpwgPhenotypes is null");
        requireNonNull(recommendations, "recommendations is null");
        properties = Map.copyOf(properties);
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** One line for the start-up log. */
    public String summary() {
        return "PGx knowledge: allele definitions " + alleleDefinitions + ", CPIC phenotypes " + cpicPhenotypes + ", DPWG phenotypes "
                + dpwgPhenotypes + ", CPIC/DPWG recommendations " + recommendations
                + property("source.PC").map(s -> "; from " + s).orElse("");
    }

    /** The sha256 of each source file, by path relative to the PGx data folder. */
    public Map<String, String> sourceSha256() {
        Map<String, String> m = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith("sha256.")) {
                m.put(k.substring("sha256.".length()), v);
            }
        });
        return m;
    }
}
