package no.permed.prs.match;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One site of the target genotypes (a VCF record or a genome-store site).
 *
 * @param ordinal a number unique to the site within one target (for example its record number); it tells sites apart
 *     when looking for duplicate matches
 * @param chromosome canonical: {@code 1}…{@code 22}, {@code X}, {@code Y}, {@code MT}
 * @param position 1-based
 * @param reference REF, upper-case
 * @param alternates the ALT alleles, upper-case, at least one
 */
public record TargetSite(long ordinal, String chromosome, int position, String reference, List<String> alternates) {
    public TargetSite {
        requireNonNull(chromosome, "chromosome is null");
        requireNonNull(reference, "reference is null");
        alternates = List.copyOf(requireNonNull(alternates, "alternates is null"));
        if (alternates.isEmpty()) {
            throw new IllegalArgumentException("a target site needs at least one ALT allele");
        }
        if (position < 1) {
            throw new IllegalArgumentException("position must be 1 or more but is " + position);
        }
    }

    public boolean isMultiallelic() {
        return alternates.size() > 1;
    }

    /** The allele with this index: 0 for REF, 1… for the ALTs. */
    public String allele(int index) {
        return index == 0 ? reference : alternates.get(index - 1);
    }
}
