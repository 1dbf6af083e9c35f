package no.permed.simulate.internal;

import no.permed.simulate.SimulationModel;
import no.permed.vcf.read.Genotypes;

/**
 * Draws the simulated haplotypes one site at a time. Every simulated haplotype copies one reference haplotype
 * (a slot {@code 2 * sample + haplotype}) and switches to another one, chosen uniformly among all others, when
 * the position passes its next switch point; the distance to the next switch point is exponential with the
 * model's mean segment length. Each contig starts afresh.
 *
 * <p>Ploidy: each simulated sample takes its ploidy at every site from one reference sample chosen at random at
 * the start (its template), so haploid male chrX calls and the pseudo-autosomal regions follow the panel. When
 * the copied slot is absent (the second slot of a haploid reference call), the allele comes from that sample's
 * first slot; when that is absent too (no call), it is missing. Missing reference alleles are copied as missing.
 * Not thread-safe; the random draws happen in a fixed order, so a seed gives the same haplotypes every time.
 */
final class MosaicGenerator {
    private static final byte MISSING = Genotypes.MISSING;
    private static final byte ABSENT = Genotypes.ABSENT;

    private final SplitMix64 random;
    private final int referenceHaplotypes;
    private final double meanSegmentLength;
    private final double copyingErrorRate;
    private final double logOfNoError;
    private final int[] sources;
    private final long[] nextSwitches;
    private final int[] templates;
    private final byte[] alleles;
    private final byte[] ploidies;
    private long slotsUntilError;
    private boolean allDiploid;

    MosaicGenerator(int referenceSamples, int samples, SimulationModel model, long seed) {
        this.random = new SplitMix64(seed);
        this.referenceHaplotypes = 2 * referenceSamples;
        this.meanSegmentLength = model.meanSegmentLength();
        this.copyingErrorRate = model.copyingErrorRate();
        this.logOfNoError = Math.log1p(-copyingErrorRate);
        this.sources = new int[2 * samples];
        this.nextSwitches = new long[2 * samples];
        this.templates = new int[samples];
        this.alleles = new byte[2 * samples];
        this.ploidies = new byte[samples];
        for (int sample = 0; sample < samples; sample++) {
            templates[sample] = random.nextInt(referenceSamples);
        }
        this.slotsUntilError = copyingErrorRate > 0 ? nextErrorDistance() : Long.MAX_VALUE;
    }

    /** Starts a contig whose first written site is at {@code position}: new sources and switch points. */
    void startContig(long position) {
        for (int haplotype = 0; haplotype < sources.length; haplotype++) {
            sources[haplotype] = random.nextInt(referenceHaplotypes);
            nextSwitches[haplotype] = position + segmentLength();
        }
    }

    /** Draws the alleles and ploidies of all simulated samples at one site at {@code position} (as written). */
    void site(ReferenceSite site, long position) {
        int[] sourceSlots = sources;
        long[] switches = nextSwitches;
        for (int haplotype = 0; haplotype < sourceSlots.length; haplotype++) {
            if (position >= switches[haplotype]) {
                int other = random.nextInt(referenceHaplotypes - 1);
                sourceSlots[haplotype] = other >= sourceSlots[haplotype] ? other + 1 : other;
                switches[haplotype] = position + segmentLength();
            }
        }
        byte[] row = site.alleles();
        byte[] referencePloidies = site.ploidies();
        byte[] simulated = alleles;
        if (referencePloidies == null) {
            for (int haplotype = 0; haplotype < simulated.length; haplotype++) {
                simulated[haplotype] = row[sourceSlots[haplotype]];
            }
            if (!allDiploid) {
                java.util.Arrays.fill(ploidies, (byte) 2);
                allDiploid = true;
            }
        } else {

            for (int haplotype = 0; haplotype < simulated.length; haplotype++) {
                int slot = sourceSlots[haplotype];
                byte allele = row[slot];
                if (allele == ABSENT) {
                    allele = row[slot & ~1];
                    if (allele == ABSENT) {
                        allele = MISSING;
                    }
                }
                simulated[haplotype] = allele;
            }
            for (int sample = 0; sample < ploidies.length; sample++) {
                ploidies[sample] = referencePloidies[templates[sample]];
            }
            allDiploid = false;
        }
        if (copyingErrorRate > 0) {
            addCopyingErrors(simulated);
        }
    }

    private void addCopyingErrors(byte[] simulated) {
        while (slotsUntilError < simulated.length) {
            int slot = (int) slotsUntilError;
            if (simulated[slot] >= 0) {
                simulated[slot] ^= 1;
            }
            slotsUntilError += 1 + nextErrorDistance();
        }
        slotsUntilError -= simulated.length;
    }

    /** The number of error-free slots before the next error (geometric). */
    private long nextErrorDistance() {
        double draw = Math.floor(Math.log1p(-random.nextDouble()) / logOfNoError);
        return draw >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) draw;
    }

    private long segmentLength() {
        return Math.max(1L, (long) Math.ceil(random.nextExponential(meanSegmentLength)));
    }

    /** The alleles of the last site, {@code [2 * sample + haplotype]}: 0, 1 or missing (-1). */
    byte[] alleles() {
        return alleles;
    }

    /** Whether every simulated sample has a diploid call at the last site. */
    boolean allDiploid() {
        return allDiploid;
    }

    /** The ploidies of the last site by simulated sample: 0, 1 or 2. */
    byte[] ploidies() {
        return ploidies;
    }
}
