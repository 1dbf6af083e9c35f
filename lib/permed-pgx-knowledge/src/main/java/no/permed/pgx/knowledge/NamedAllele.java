package no.permed.pgx.knowledge;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named allele (star allele, or for some genes a variant name such as {@code c.1905+1G>A (*2A)}) and the
 * allele it requires at each defining position it defines. {@code alleles} maps an index into
 * {@link AlleleDefinition#positions()} to the VCF-style allele; positions it does not define are absent.
 * An allele may be a single IUPAC wobble code (R, Y, S, W, K, M): any of the bases it stands for matches.
 */
public record NamedAllele(String name, Optional<String> id, boolean reference, boolean structuralVariant, SortedMap<Integer, String> alleles) {
    public NamedAllele {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("named allele name is blank");
        }
        alleles = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(alleles, "alleles is null")));
        for (Map.Entry<Integer, String> e : alleles.entrySet()) {
            if (e.getKey() < 0 || e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("named allele " + name + " has a bad allele at index " + e.getKey() + ": " + e.getValue());
            }
        }
    }

    /** The allele required at position index {@code index}, or empty when this allele does not define it. */
    public Optional<String> alleleAt(int index) {
        return Optional.ofNullable(alleles.get(index));
    }

    /** True when the allele at a defined position is an IUPAC ambiguity code rather than bases. */
    public boolean hasWobble() {
        return alleles.values().stream().anyMatch(a -> a.length() == 1 && "RYSWKMBDHVN".indexOf(a.charAt(0)) >= 0);
    }
}
