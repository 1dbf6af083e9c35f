package no.permed.vcf.read;

import java.util.Arrays;

/**
 * The GT calls of all samples of one record, as primitive arrays. A {@link VcfReader} reuses one instance for
 * every record, so its contents are valid until the next {@link VcfReader#advance()}; {@link #copy()} keeps them.
 *
 * <p>Each sample has two haplotype slots. A slot holds an allele index (0 = REF, 1… = ALT in the record's
 * {@link VcfRecord#alternateAlleles()} order), {@link #MISSING} for a {@code .} allele, or {@link #ABSENT} when
 * the call has fewer alleles (the second slot of a haploid call, both slots when the sample has no GT). Ploidy
 * is 0 (no GT), 1 or 2. So AN is the number of slots {@code >= 0} and AC of allele {@code a} the number equal to
 * {@code a}, without looking at ploidy.
 */
public final class Genotypes {
    /** A {@code .} allele in a call. */
    public static final int MISSING = -1;
    /** A slot beyond the call's ploidy. */
    public static final int ABSENT = -2;

    /** The compact digit that stands for a {@code .} allele: compact codes are {@code first * 22 + second * 2 + phased}. */
    static final int COMPACT_MISSING = 10;
    private static final int COMPACT_CODES = 11 * 22;
    private static final int[] COMPACT_FIRST = new int[256];
    private static final int[] COMPACT_SECOND = new int[256];

    static {
        for (int code = 0; code < COMPACT_CODES; code++) {
            int first = code / 22;
            int second = (code % 22) / 2;
            COMPACT_FIRST[code] = first == COMPACT_MISSING ? MISSING : first;
            COMPACT_SECOND[code] = second == COMPACT_MISSING ? MISSING : second;
        }
    }

    final int[] alleles;
    final byte[] ploidies;
    final boolean[] phased;
    /**
     * The reader's compact form (one byte per sample, every call diploid with single-digit or missing alleles),
     * or null. While {@link #compactPending} the arrays above are stale and are filled from it on first use.
     */
    final byte[] compact;
    boolean compactPending;

    Genotypes(int sampleCount) {
        this.alleles = new int[sampleCount * 2];
        this.ploidies = new byte[sampleCount];
        this.phased = new boolean[sampleCount];
        this.compact = new byte[sampleCount];
    }

    private Genotypes(int[] alleles, byte[] ploidies, boolean[] phased) {
        this.alleles = alleles;
        this.ploidies = ploidies;
        this.phased = phased;
        this.compact = null;
    }

    /** The compact code of a diploid call with alleles 0–9 or {@link #MISSING}, or -1 when it has none. */
    static int compactCode(int first, int second, boolean phasedCall) {
        int a = first == MISSING ? COMPACT_MISSING : first;
        int b = second == MISSING ? COMPACT_MISSING : second;
        // a real allele 10 would be taken for the missing digit: only 0-9 and . have a compact code
        if (a < 0 || b < 0 || first >= COMPACT_MISSING || second >= COMPACT_MISSING) {
            return -1;
        }
        return a * 22 + b * 2 + (phasedCall ? 1 : 0);
    }

    /** Fills the arrays of samples {@code [0, count)} from their compact codes. */
    void expandCompact(int count) {
        for (int sample = 0; sample < count; sample++) {
            int code = compact[sample] & 0xff;
            alleles[2 * sample] = COMPACT_FIRST[code];
            alleles[2 * sample + 1] = COMPACT_SECOND[code];
            ploidies[sample] = 2;
            phased[sample] = (code & 1) != 0;
        }
    }

    private void expand() {
        if (compactPending) {
            compactPending = false;
            expandCompact(ploidies.length);
        }
    }

    /**
     * Writes the calls of a record with at most one ALT allele (or of a split from {@link #splitInto}) in the
     * caller's byte encoding: {@code target[index]} is the code of sample {@code columns[index]} (of sample
     * {@code index} when {@code columns} is null). For the reader's own buffer this reads the parsed calls
     * directly, without filling the arrays of {@link #alleleIndicesView()}: one table look-up per call.
     *
     * @throws IllegalArgumentException when a call refers to allele 2 or higher
     */
    public void encodeBiallelic(CallCodeTable table, int[] columns, byte[] target) {
        int count = columns == null ? ploidies.length : columns.length;
        if (target.length < count) {
            throw new IllegalArgumentException("target has room for " + target.length + " codes, not " + count);
        }
        int invalid = 0;
        if (compactPending) {
            int[] codes = table.compact;
            byte[] source = compact;
            if (columns == null) {
                for (int index = 0; index < count; index++) {
                    int code = codes[source[index] & 0xff];
                    invalid |= code;
                    target[index] = (byte) code;
                }
            } else {
                for (int index = 0; index < count; index++) {
                    int code = codes[source[columns[index]] & 0xff];
                    invalid |= code;
                    target[index] = (byte) code;
                }
            }
        } else {
            int[] codes = table.expanded;
            for (int index = 0; index < count; index++) {
                int sample = columns == null ? index : columns[index];
                int first = alleles[2 * sample];
                int second = alleles[2 * sample + 1];
                if (first > 1 || second > 1) {
                    invalid = -1;
                    break;
                }
                int code = codes[CallCodeTable.expandedIndex(ploidies[sample], first, second, phased[sample])];
                invalid |= code;
                target[index] = (byte) code;
            }
        }
        if (invalid < 0) {
            throw new IllegalArgumentException("a call refers to allele 2 or higher; split the record first");
        }
    }

    /** Calls for {@code sampleCount} samples, all without GT (ploidy 0), to be filled by {@link #splitInto}. */
    public static Genotypes forSamples(int sampleCount) {
        if (sampleCount < 0) {
            throw new IllegalArgumentException("sampleCount must not be negative but is " + sampleCount);
        }
        Genotypes genotypes = new Genotypes(sampleCount);
        Arrays.fill(genotypes.alleles, ABSENT);
        return genotypes;
    }

    /**
     * Calls built from arrays (copied), laid out as described in the class comment.
     *
     * @throws IllegalArgumentException when the arrays disagree in length, a ploidy is not 0–2, or a slot
     *     does not fit its ploidy
     */
    public static Genotypes of(int[] alleles, byte[] ploidies, boolean[] phased) {
        if (alleles.length != 2 * ploidies.length || phased.length != ploidies.length) {
            throw new IllegalArgumentException("alleles must have two slots per sample and phased one flag per sample");
        }
        for (int sample = 0; sample < ploidies.length; sample++) {
            int ploidy = ploidies[sample];
            if (ploidy < 0 || ploidy > 2) {
                throw new IllegalArgumentException("ploidy of sample " + sample + " must be 0, 1 or 2 but is " + ploidy);
            }
            for (int haplotype = 0; haplotype < 2; haplotype++) {
                int allele = alleles[2 * sample + haplotype];
                boolean inCall = haplotype < ploidy;
                if (inCall ? allele < MISSING : allele != ABSENT) {
                    throw new IllegalArgumentException("slot " + haplotype + " of sample " + sample + " does not fit ploidy " + ploidy);
                }
            }
            if (phased[sample] && ploidy != 2) {
                throw new IllegalArgumentException("only diploid calls can be phased (sample " + sample + ")");
            }
        }
        return new Genotypes(alleles.clone(), ploidies.clone(), phased.clone());
    }

    /**
     * Writes into {@code target} these calls seen from one ALT allele, as {@code bcftools norm -m-} splits a
     * multi-allelic record: {@code alternateAllele} becomes 1, every other ALT becomes 0 (REF), missing and
     * absent slots stay. So AC of that ALT and AN are preserved.
     */
    public void splitInto(int alternateAllele, Genotypes target) {
        expand();
        if (target.sampleCount() != sampleCount()) {
            throw new IllegalArgumentException("target has " + target.sampleCount() + " samples, not " + sampleCount());
        }
        if (alternateAllele < 1) {
            throw new IllegalArgumentException("alternateAllele must be 1 or more but is " + alternateAllele);
        }
        int[] source = alleles;
        int[] destination = target.alleles;
        target.compactPending = false;
        for (int slot = 0; slot < source.length; slot++) {
            int allele = source[slot];
            destination[slot] = allele < 0 ? allele : (allele == alternateAllele ? 1 : 0);
        }
        System.arraycopy(ploidies, 0, target.ploidies, 0, ploidies.length);
        System.arraycopy(phased, 0, target.phased, 0, phased.length);
    }

    public int sampleCount() {
        return ploidies.length;
    }

    /** The allele index in a haplotype slot (0 or 1), or {@link #MISSING} or {@link #ABSENT}. */
    public int allele(int sample, int haplotype) {
        expand();
        if (haplotype < 0 || haplotype > 1) {
            throw new IndexOutOfBoundsException("haplotype must be 0 or 1 but is " + haplotype);
        }
        return alleles[2 * sample + haplotype];
    }

    /** 0 when the sample has no GT, 1 for a haploid call, 2 for a diploid call. */
    public int ploidy(int sample) {
        expand();
        return ploidies[sample];
    }

    /** Whether a diploid call is phased ({@code a|b}); false for haploid calls and no-calls. */
    public boolean isPhased(int sample) {
        expand();
        return phased[sample];
    }

    /** Whether the sample has no called allele at all. */
    public boolean isNoCall(int sample) {
        expand();
        return alleles[2 * sample] < 0 && alleles[2 * sample + 1] < 0;
    }

    /**
     * The internal array of allele indices, {@code [2 * sample + haplotype]}, for loops over all samples
     * without a method call per genotype. It is the reader's buffer: read it, never change it, and do not keep
     * it beyond the current record.
     */
    public int[] alleleIndicesView() {
        expand();
        return alleles;
    }

    /** The internal array of ploidies by sample; the same rules as {@link #alleleIndicesView()} apply. */
    public byte[] ploidiesView() {
        expand();
        return ploidies;
    }

    /** An independent copy that stays valid after the reader moves on. */
    public Genotypes copy() {
        expand();
        return new Genotypes(alleles.clone(), ploidies.clone(), phased.clone());
    }

    /** The call written the VCF way ({@code 0|1}, {@code ./.}, {@code 1}, {@code .}); allocates, for tests and tools. */
    public String format(int sample) {
        expand();
        int ploidy = ploidies[sample];
        if (ploidy == 0) {
            return ".";
        }
        StringBuilder text = new StringBuilder(4);
        appendAllele(text, alleles[2 * sample]);
        if (ploidy == 2) {
            text.append(phased[sample] ? '|' : '/');
            appendAllele(text, alleles[2 * sample + 1]);
        }
        return text.toString();
    }

    private static void appendAllele(StringBuilder text, int allele) {
        if (allele < 0) {
            text.append('.');
        } else {
            text.append(allele);
        }
    }

    @Override
    public boolean equals(Object other) {
        expand();
        if (other instanceof Genotypes that) {
            that.expand();
        }
        return other instanceof Genotypes that
                && Arrays.equals(alleles, that.alleles)
                && Arrays.equals(ploidies, that.ploidies)
                && Arrays.equals(phased, that.phased);
    }

    @Override
    public int hashCode() {
        expand();
        return Arrays.hashCode(alleles) * 31 + Arrays.hashCode(ploidies);
    }

    @Override
    public String toString() {
        return "Genotypes[" + sampleCount() + " samples]";
    }
}
