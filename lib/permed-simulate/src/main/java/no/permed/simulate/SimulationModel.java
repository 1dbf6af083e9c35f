package no.permed.simulate;

/**
 * The copying model (Li and Stephens 2003, simplified): every simulated haplotype copies one reference haplotype
 * at a time and switches to another, chosen uniformly at random, after a genetic distance drawn from an
 * exponential distribution.
 *
 * <p>The mean copied segment, in base pairs, is {@code 100 / (recombinationRate * switchesPerMorgan)} Mb
 * ({@link #meanSegmentLength()}). In Li and Stephens' terms {@code switchesPerMorgan} is {@code 4 Ne / K} for an
 * effective population size Ne and K reference haplotypes; it is fixed here rather than taken from the panel,
 * so that the output does not change character with the panel's size. The defaults (1 cM/Mb, 400 switches per
 * Morgan) give a mean segment of 250 kb, which keeps the linkage between nearby sites and mixes haplotypes over
 * a few hundred kb.
 *
 * @param recombinationRate centimorgans per megabase, uniform along every contig; default 1.0 (the human genome
 *     average). More than 0 and at most 1,000.
 * @param switchesPerMorgan how many copying switches a haplotype makes per Morgan; default 400. More than 0 and at
 *     most 10,000,000.
 * @param copyingErrorRate the chance that one copied allele is flipped (REF to ALT or ALT to REF); missing alleles
 *     are never flipped. Default 0, so allele frequencies follow the panel exactly in expectation. 0 to 0.5.
 */
public record SimulationModel(double recombinationRate, double switchesPerMorgan, double copyingErrorRate) {
    public static final double DEFAULT_RECOMBINATION_RATE = 1.0;
    public static final double DEFAULT_SWITCHES_PER_MORGAN = 400.0;
    public static final double DEFAULT_COPYING_ERROR_RATE = 0.0;

    private static final double BASES_PER_CENTIMORGAN_AT_ONE_CM_PER_MB = 1_000_000.0;

    public SimulationModel {
        if (!(recombinationRate > 0 && recombinationRate <= 1_000)) {
            throw new IllegalArgumentException("recombinationRate must be more than 0 and at most 1000 cM/Mb but is " + recombinationRate);
        }
        if (!(switchesPerMorgan > 0 && switchesPerMorgan <= 10_000_000)) {
            throw new IllegalArgumentException("switchesPerMorgan must be more than 0 and at most 10000000 but is " + switchesPerMorgan);
        }
        if (!(copyingErrorRate >= 0 && copyingErrorRate <= 0.5)) {
            throw new IllegalArgumentException("copyingErrorRate must be between 0 and 0.5 but is " + copyingErrorRate);
        }
    }

    public static SimulationModel defaults() {
        return new SimulationModel(DEFAULT_RECOMBINATION_RATE, DEFAULT_SWITCHES_PER_MORGAN, DEFAULT_COPYING_ERROR_RATE);
    }

    /** The mean length of a copied segment in base pairs. */
    public double meanSegmentLength() {
        double basesPerCentimorgan = BASES_PER_CENTIMORGAN_AT_ONE_CM_PER_MB / recombinationRate;
        return 100.0 * basesPerCentimorgan / switchesPerMorgan;
    }

    public SimulationModel withRecombinationRate(double newRecombinationRate) {
        return new SimulationModel(newRecombinationRate, switchesPerMorgan, copyingErrorRate);
    }

    public SimulationModel withSwitchesPerMorgan(double newSwitchesPerMorgan) {
        return new SimulationModel(recombinationRate, newSwitchesPerMorgan, copyingErrorRate);
    }

    public SimulationModel withCopyingErrorRate(double newCopyingErrorRate) {
        return new SimulationModel(recombinationRate, switchesPerMorgan, newCopyingErrorRate);
    }
}
