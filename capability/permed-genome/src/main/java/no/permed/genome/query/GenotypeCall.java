package no.permed.genome.query;

import no.permed.columnar.Genotype;
import no.permed.vcf.normalise.VariantKey;

/** One sample's call at one stored variant. */
public record GenotypeCall(VariantKey variant, Genotype genotype) {
}
