package no.permed.columnar.segment;

import no.permed.columnar.GenotypeCodes;

/**
 * Lookup tables between the one-byte call codes of {@link GenotypeCodes} and the stored
 * representation: a 2-bit genotype code (0 hom-ref, 1 het, 2 hom-alt or haploid ALT, 3 missing),
 * the ploidy, the site's phase default and, for hets, which haplotype carries the ALT allele.
 */
final class CallTables {
    static final int CODE_MASK = 3;
    static final int HAPLOID = 1 << 2;
    static final int PHASED = 1 << 3;
    /** A het whose first allele (in VCF order) is the ALT allele: {@code 1|0} or {@code 1/0}. */
    static final int ALTERNATE_FIRST_SHIFT = 4;
    static final int ALTERNATE_FIRST = 1 << ALTERNATE_FIRST_SHIFT;
    /** A diploid call with exactly one missing allele, for example {@code ./1}. */
    static final int PARTLY_MISSING = 1 << 5;
    static final int INVALID = -1;

    /** Per call code (as unsigned byte): the bits above, or {@link #INVALID}. */
    static final int[] PROPERTIES = new int[256];

    /**
     * Per call code: the 2-bit code in bits 0–1 and a 1 in each 8-bit field that applies, so that
     * the sum over up to 32 calls counts each property without overflow into the next field.
     */
    static final long[] ANALYSIS = new long[256];
    static final int FIELD_HAPLOID = 8;
    static final int FIELD_PHASED_DIPLOID = 16;
    static final int FIELD_PARTLY_MISSING = 24;
    static final int FIELD_ALTERNATE_FIRST = 32;
    static final int FIELD_INVALID = 40;
    static final int FIELD_LISTED = 48;
    static final int FIELD_HET = 56;

    /**
     * The call that the stored representation means when no exception is listed, indexed by
     * {@link #canonicalIndex}; {@code -1} where impossible (a haploid het).
     */
    static final byte[] CANONICAL = new byte[32];

    static {
        java.util.Arrays.fill(PROPERTIES, INVALID);
        for (int allele = 0; allele <= GenotypeCodes.MISSING; allele++) {
            int code = switch (allele) {
                case GenotypeCodes.REFERENCE -> 0;
                case GenotypeCodes.ALTERNATE -> 2;
                default -> 3;
            };
            PROPERTIES[GenotypeCodes.haploid(allele) & 0xFF] = code | HAPLOID;
        }
        for (int first = 0; first <= GenotypeCodes.MISSING; first++) {
            for (int second = 0; second <= GenotypeCodes.MISSING; second++) {
                for (int phased = 0; phased < 2; phased++) {
                    int code;
                    int flags = phased == 1 ? PHASED : 0;
                    if (first == GenotypeCodes.MISSING || second == GenotypeCodes.MISSING) {
                        code = 3;
                        if (first != second) {
                            flags |= PARTLY_MISSING;
                        }
                    } else if (first != second) {
                        code = 1;
                        if (first == GenotypeCodes.ALTERNATE) {
                            flags |= ALTERNATE_FIRST;
                        }
                    } else {
                        code = first == GenotypeCodes.ALTERNATE ? 2 : 0;
                    }
                    PROPERTIES[GenotypeCodes.diploid(first, second, phased == 1) & 0xFF] = code | flags;
                }
            }
        }
        for (int code = 0; code < 256; code++) {
            int properties = PROPERTIES[code];
            long analysis;
            if (properties == INVALID) {
                analysis = 1L << FIELD_INVALID;
            } else {
                int genotypeCode = properties & CODE_MASK;
                analysis = genotypeCode;
                if ((properties & HAPLOID) != 0) {
                    analysis += 1L << FIELD_HAPLOID;
                } else if ((properties & PHASED) != 0) {
                    analysis += 1L << FIELD_PHASED_DIPLOID;
                }
                if ((properties & PARTLY_MISSING) != 0) {
                    analysis += 1L << FIELD_PARTLY_MISSING;
                }
                if ((properties & ALTERNATE_FIRST) != 0) {
                    analysis += 1L << FIELD_ALTERNATE_FIRST;
                }
                if (genotypeCode != 0) {
                    analysis += 1L << FIELD_LISTED;
                }
                if (genotypeCode == 1) {
                    analysis += 1L << FIELD_HET;
                }
            }
            ANALYSIS[code] = analysis;
        }
        java.util.Arrays.fill(CANONICAL, (byte) -1);
        for (int phased = 0; phased < 2; phased++) {
            boolean isPhased = phased == 1;
            CANONICAL[canonicalIndex(false, isPhased, false, 0)] = GenotypeCodes.diploid(0, 0, isPhased);
            CANONICAL[canonicalIndex(false, isPhased, false, 1)] = GenotypeCodes.diploid(0, 1, isPhased);
            CANONICAL[canonicalIndex(false, isPhased, true, 1)] = GenotypeCodes.diploid(1, 0, isPhased);
            CANONICAL[canonicalIndex(false, isPhased, false, 2)] = GenotypeCodes.diploid(1, 1, isPhased);
            CANONICAL[canonicalIndex(false, isPhased, false, 3)] = GenotypeCodes.diploid(2, 2, isPhased);
            CANONICAL[canonicalIndex(true, isPhased, false, 0)] = GenotypeCodes.haploid(0);
            CANONICAL[canonicalIndex(true, isPhased, false, 2)] = GenotypeCodes.haploid(1);
            CANONICAL[canonicalIndex(true, isPhased, false, 3)] = GenotypeCodes.haploid(2);
        }
    }

    private CallTables() {
    }

    /** One 8-bit field of a sum of {@link #ANALYSIS} values. */
    static int field(long sums, int field) {
        return (int) (sums >>> field) & 0xFF;
    }

    static int canonicalIndex(boolean haploid, boolean phased, boolean alternateFirst, int code) {
        return (haploid ? 16 : 0) | (phased ? 8 : 0) | (alternateFirst ? 4 : 0) | code;
    }
}
