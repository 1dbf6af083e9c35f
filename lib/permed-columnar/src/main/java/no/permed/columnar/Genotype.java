package no.permed.columnar;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * One genotype call of one sample at one biallelic site, as a value. There are only 21 distinct
 * calls ({@link GenotypeCodes}), so every instance is shared: {@link #of(byte)} never allocates.
 */
public final class Genotype {
    private static final Genotype[] BY_CODE = new Genotype[256];

    static {
        for (int code = 0; code < 256; code++) {
            if (GenotypeCodes.isValid((byte) code)) {
                BY_CODE[code] = new Genotype((byte) code);
            }
        }
    }

    private final byte code;

    private Genotype(byte code) {
        this.code = code;
    }

    /** The genotype of a call code; throws {@link ColumnarErrorCode#INVALID_CALL} for an invalid code. */
    public static Genotype of(byte code) {
        Genotype genotype = BY_CODE[code & 0xFF];
        if (genotype == null) {
            throw new PermedException(ColumnarErrorCode.INVALID_CALL, "call code " + (code & 0xFF)
                    + " is not a valid genotype code (see GenotypeCodes)", Map.of("code", code & 0xFF));
        }
        return genotype;
    }

    /**
     * Parses a biallelic VCF genotype such as {@code 0/1}, {@code 1|0}, {@code ./.}, {@code .|1} or
     * {@code 1}. Allele indices other than 0 and 1 are rejected: split multi-allelic records first.
     */
    public static Genotype parse(String text) {
        requireNonNull(text, "text is null");
        if (text.length() == 1) {
            return of(GenotypeCodes.haploid(allele(text, text.charAt(0))));
        }
        if (text.length() == 3 && (text.charAt(1) == '/' || text.charAt(1) == '|')) {
            return of(GenotypeCodes.diploid(allele(text, text.charAt(0)), allele(text, text.charAt(2)), text.charAt(1) == '|'));
        }
        throw new PermedException(ColumnarErrorCode.INVALID_CALL, "genotype '" + text
                + "' is not a biallelic haploid or diploid call such as 0, 1, ., 0/1, 1|0 or ./.", Map.of("genotype", text));
    }

    private static int allele(String text, char character) {
        return switch (character) {
            case '0' -> GenotypeCodes.REFERENCE;
            case '1' -> GenotypeCodes.ALTERNATE;
            case '.' -> GenotypeCodes.MISSING;
            default -> throw new PermedException(ColumnarErrorCode.INVALID_CALL, "genotype '" + text
                    + "' has the allele '" + character + "'; a biallelic site allows 0, 1 and .", Map.of("genotype", text));
        };
    }

    /** The one-byte call code (see {@link GenotypeCodes}). */
    public byte code() {
        return code;
    }

    /** 1 for a haploid call, 2 for a diploid one. */
    public int ploidy() {
        return GenotypeCodes.ploidy(code);
    }

    /** Whether a diploid call is phased. */
    public boolean isPhased() {
        return GenotypeCodes.isPhased(code);
    }

    /** Whether any allele of the call is missing. */
    public boolean isMissing() {
        return GenotypeCodes.isMissing(code);
    }

    /** The number of ALT alleles in the call. */
    public int alternateAlleleCount() {
        return GenotypeCodes.alternateAlleleCount(code);
    }

    /** Whether the call carries at least one ALT allele (including a partly missing call such as {@code ./1}). */
    public boolean carriesAlternate() {
        return alternateAlleleCount() > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Genotype genotype && genotype.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    /** The VCF text, for example {@code 0|1}. */
    @Override
    public String toString() {
        return GenotypeCodes.toVcf(code);
    }
}
