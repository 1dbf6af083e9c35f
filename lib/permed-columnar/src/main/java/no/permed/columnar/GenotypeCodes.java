package no.permed.columnar;

/**
 * The one-byte code of a genotype call, the input format of the segment writer and the output of
 * the segment cursor. One call is one {@code byte}, so a site of {@code n} samples is a
 * {@code byte[n]} with no object per call.
 *
 * <pre>
 * bit  7 6 5        4       3 2            1 0
 *      0 0 haploid  phased  second allele  first allele
 * </pre>
 *
 * <p>An allele is {@link #REFERENCE} (0), {@link #ALTERNATE} (1) or {@link #MISSING} (2). A diploid
 * call has two alleles in VCF order ({@code 1|0}: first allele ALT); {@code phased} says whether
 * they were written with {@code |}. A haploid call has the haploid bit set, one allele, and zero
 * in bits 2–4. That gives 18 diploid and 3 haploid codes; every other byte is invalid. The code
 * {@code 0} is {@code 0/0}, so a zeroed buffer means "all hom-ref, unphased".
 */
public final class GenotypeCodes {
    /** The allele value of the reference allele. */
    public static final int REFERENCE = 0;
    /** The allele value of the alternate allele. */
    public static final int ALTERNATE = 1;
    /** The allele value of a missing allele ({@code .}). */
    public static final int MISSING = 2;

    /** {@code 0/0}. */
    public static final byte HOMOZYGOUS_REFERENCE = 0;
    /** {@code ./.}, also used for samples that have been erased. */
    public static final byte MISSING_DIPLOID = (byte) (MISSING | MISSING << 2);

    private static final int PHASED_BIT = 1 << 4;
    private static final int HAPLOID_BIT = 1 << 5;
    private static final boolean[] VALID = new boolean[256];

    static {
        for (int first = 0; first <= MISSING; first++) {
            VALID[haploid(first) & 0xFF] = true;
            for (int second = 0; second <= MISSING; second++) {
                VALID[diploid(first, second, false) & 0xFF] = true;
                VALID[diploid(first, second, true) & 0xFF] = true;
            }
        }
    }

    private GenotypeCodes() {
    }

    /**
     * The code of a diploid call.
     *
     * @param first the first allele in VCF order: {@link #REFERENCE}, {@link #ALTERNATE} or {@link #MISSING}
     * @param second the second allele
     * @param phased whether the call is phased ({@code |})
     */
    public static byte diploid(int first, int second, boolean phased) {
        checkAllele(first);
        checkAllele(second);
        return (byte) (first | second << 2 | (phased ? PHASED_BIT : 0));
    }

    /** The code of a haploid call with the given allele. */
    public static byte haploid(int allele) {
        checkAllele(allele);
        return (byte) (allele | HAPLOID_BIT);
    }

    /** Whether the byte is one of the 21 valid call codes. */
    public static boolean isValid(byte code) {
        return VALID[code & 0xFF];
    }

    /** 1 for a haploid call, 2 for a diploid one. */
    public static int ploidy(byte code) {
        return (code & HAPLOID_BIT) != 0 ? 1 : 2;
    }

    /** The first (for haploid calls the only) allele. */
    public static int firstAllele(byte code) {
        return code & 3;
    }

    /** The second allele of a diploid call; throws {@link IllegalArgumentException} for a haploid call, which has none. */
    public static int secondAllele(byte code) {
        if ((code & HAPLOID_BIT) != 0) {
            throw new IllegalArgumentException("a haploid call has no second allele");
        }
        return code >>> 2 & 3;
    }

    /** Whether a diploid call is phased; haploid calls are never phased. */
    public static boolean isPhased(byte code) {
        return (code & PHASED_BIT) != 0;
    }

    /** Whether at least one allele of the call is missing. Such calls do not count in allele numbers. */
    public static boolean isMissing(byte code) {
        return (code & 3) == MISSING || (code & HAPLOID_BIT) == 0 && (code >>> 2 & 3) == MISSING;
    }

    /** The number of ALT alleles in the call (missing alleles count as none). */
    public static int alternateAlleleCount(byte code) {
        int count = (code & 3) == ALTERNATE ? 1 : 0;
        if ((code & HAPLOID_BIT) == 0 && (code >>> 2 & 3) == ALTERNATE) {
            count++;
        }
        return count;
    }

    /** The VCF text of the call, for example {@code 0|1}, {@code ./.} or {@code 1}. */
    public static String toVcf(byte code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("invalid call code " + (code & 0xFF));
        }
        char first = alleleCharacter(code & 3);
        if ((code & HAPLOID_BIT) != 0) {
            return String.valueOf(first);
        }
        return new String(new char[] {first, isPhased(code) ? '|' : '/', alleleCharacter(code >>> 2 & 3)});
    }

    private static char alleleCharacter(int allele) {
        return switch (allele) {
            case REFERENCE -> '0';
            case ALTERNATE -> '1';
            default -> '.';
        };
    }

    private static void checkAllele(int allele) {
        if (allele < REFERENCE || allele > MISSING) {
            throw new IllegalArgumentException("allele value " + allele + " is not REFERENCE (0), ALTERNATE (1) or MISSING (2)");
        }
    }
}
