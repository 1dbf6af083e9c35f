package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import no.permed.columnar.Genotype;

/**
 * The call of one sample at a site that the context gives.
 *
 * @param sampleIndex the index of the sample in its segment
 * @param genotype the call
 */
public record SampleCall(int sampleIndex, Genotype genotype) {
    public SampleCall {
        requireNonNull(genotype, "genotype is null");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sampleIndex " + sampleIndex + " is negative");
        }
    }
}
