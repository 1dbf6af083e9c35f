package no.permed.genome.query;

import java.util.Map;
import no.permed.vcf.normalise.VariantKey;

/**
 * Allele counts of one variant over a set of samples.
 *
 * @param variant the variant
 * @param alleleCount AC: ALT alleles in called genotypes
 * @param alleleNumber AN: called alleles (reference calls of gVCF blocks included)
 * @param homozygotes HOM: diploid homozygous-ALT calls
 * @param hemizygotes haploid ALT calls
 * @param byPopulation the same counts per population label, for samples that have one, in label order
 */
public record VariantCounts(VariantKey variant, int alleleCount, int alleleNumber, int homozygotes, int hemizygotes,
        Map<String, Counts> byPopulation) {
    public VariantCounts {
        byPopulation = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byPopulation));
    }

    /** AC, AN, HOM and hemizygotes of one population. */
    public record Counts(int alleleCount, int alleleNumber, int homozygotes, int hemizygotes) {
    }
}
