package no.permed.pgx.call.internal;

import java.util.Arrays;

/**
 * The alleles one sample carries at one defining position, as allele strings in the definition's VCF form: one
 * (hemizygous) or two, in haplotype order when {@code phased}.
 */
public record Observation(String[] alleles, boolean phased) {
    public Observation {
        alleles = alleles.clone();
        if (alleles.length < 1 || alleles.length > 2) {
            throw new IllegalArgumentException("an observation has 1 or 2 alleles, not " + alleles.length);
        }
    }

    public boolean isHaploid() {
        return alleles.length == 1;
    }

    public String allele(int haplotype) {
        return alleles[alleles.length == 1 ? 0 : haplotype];
    }

    public boolean isHeterozygous() {
        return alleles.length == 2 && !alleles[0].equals(alleles[1]);
    }

    boolean isAllReference(String ref) {
        for (String allele : alleles) {
            if (!allele.equals(ref)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Which of two observations of the same position to keep when a file has several records there (split
     * multi-allelic sites, a gVCF block and a variant): a non-reference call wins over a reference call.
     */
    public static Observation merge(Observation old, Observation candidate, String ref) {
        if (old == null) {
            return candidate;
        }
        if (candidate == null) {
            return old;
        }
        if (old.isAllReference(ref) && !candidate.isAllReference(ref)) {
            return candidate;
        }
        return old;
    }

    @Override
    public String toString() {
        return String.join(phased ? "|" : "/", alleles);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Observation o && o.phased == phased && Arrays.equals(o.alleles, alleles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(alleles) * 31 + Boolean.hashCode(phased);
    }
}
