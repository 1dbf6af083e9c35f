package no.permed.vcf.read;

import static java.util.Objects.requireNonNull;

/**
 * A caller's byte encoding of the calls of a biallelic record, precomputed for
 * {@link Genotypes#encodeBiallelic}: the reader's compact calls are translated with one table look-up each.
 * Build it once (it evaluates the coder for every possible call) and reuse it.
 */
public final class CallCodeTable {
    /** The code of one call; alleles are 0 (REF), 1 (ALT), {@link Genotypes#MISSING} or {@link Genotypes#ABSENT}. */
    @FunctionalInterface
    public interface CallCoder {
        /**
         * @param ploidy 0 (no GT: both alleles {@link Genotypes#ABSENT}), 1 (second allele ABSENT) or 2
         * @param phased whether a diploid call is phased (always false for ploidy 0 and 1)
         */
        byte code(int ploidy, int first, int second, boolean phased);
    }

    /** By compact code (see {@link Genotypes}); -1 for calls with an allele above 1. */
    final int[] compact = new int[256];
    /** By {@link #expandedIndex}; -1 where no call has that shape. */
    final int[] expanded = new int[3 << 5];

    private CallCodeTable(CallCoder coder) {
        java.util.Arrays.fill(compact, -1);
        java.util.Arrays.fill(expanded, -1);
        expanded[expandedIndex(0, Genotypes.ABSENT, Genotypes.ABSENT, false)] = coder.code(0, Genotypes.ABSENT, Genotypes.ABSENT, false) & 0xff;
        for (int first = Genotypes.MISSING; first <= 1; first++) {
            expanded[expandedIndex(1, first, Genotypes.ABSENT, false)] = coder.code(1, first, Genotypes.ABSENT, false) & 0xff;
            for (int second = Genotypes.MISSING; second <= 1; second++) {
                for (int phase = 0; phase < 2; phase++) {
                    int code = coder.code(2, first, second, phase == 1) & 0xff;
                    expanded[expandedIndex(2, first, second, phase == 1)] = code;
                    compact[Genotypes.compactCode(first, second, phase == 1)] = code;
                }
            }
        }
    }

    /** Evaluates {@code coder} for every call of a biallelic record. */
    public static CallCodeTable of(CallCoder coder) {
        requireNonNull(coder, "coder is null");
        return new CallCodeTable(coder);
    }

    static int expandedIndex(int ploidy, int first, int second, boolean phased) {
        return (ploidy << 5) | ((first + 2) << 3) | ((second + 2) << 1) | (phased ? 1 : 0);
    }
}
