package no.permed.genome.query;

import no.permed.columnar.Genotype;
import no.permed.genome.StoredSample;

/** A sample that carries a variant (at least one ALT allele), with its call. */
public record Carrier(StoredSample sample, Genotype genotype) {
}
