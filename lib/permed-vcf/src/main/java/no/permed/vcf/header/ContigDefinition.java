package no.permed.vcf.header;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One {@code ##contig=<ID=…,length=…>} line.
 *
 * @param name the ID as written in the file
 * @param canonicalName the canonical name (see {@link no.permed.vcf.genome.Contigs#canonical(String)})
 * @param length the declared length, if any
 */
public record ContigDefinition(String name, String canonicalName, OptionalLong length) {
    public ContigDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(canonicalName, "canonicalName is null");
        requireNonNull(length, "length is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("contig name is blank");
        }
        if (length.isPresent() && length.getAsLong() <= 0) {
            throw new IllegalArgumentException("contig length must be positive: " + length.getAsLong());
        }
    }
}
