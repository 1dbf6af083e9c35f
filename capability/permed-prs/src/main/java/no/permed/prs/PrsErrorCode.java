package no.permed.prs;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors of the polygenic-score capability. The codes are stable and sent to clients as {@code PRS_*}. Input
 * errors carry {@code file}, {@code line} and {@code field} in their details where one line is at fault.
 */
public enum PrsErrorCode implements ErrorCode {
    /** The scoring file does not exist or cannot be read. */
    SCORE_FILE_NOT_READABLE(ErrorKind.BAD_INPUT),
    /** The scoring file has no column header line, or no variant rows. */
    SCORE_FILE_EMPTY(ErrorKind.BAD_INPUT),
    /** A column the scoring needs (effect allele, weight, chromosome and position) is absent. */
    SCORE_COLUMN_MISSING(ErrorKind.BAD_INPUT),
    /** A value cannot be read: a weight that is not a finite number, a position that is not a positive integer, a bad flag. */
    SCORE_VALUE_INVALID(ErrorKind.BAD_INPUT),
    /** A row this scorer cannot compute: a haplotype, diplotype or interaction term, or an effect allele that is not one allele. */
    SCORE_ROW_UNSUPPORTED(ErrorKind.BAD_INPUT),
    /** Fewer of the score's variants matched the target than the required minimum (75 % by default). */
    MATCH_RATE_TOO_LOW(ErrorKind.BAD_INPUT),
    /** The target VCF has no sample columns, so there is nothing to score. */
    TARGET_NO_SAMPLES(ErrorKind.BAD_INPUT),
    /** The records of one position in the target VCF are not next to each other (the file is not sorted). */
    TARGET_NOT_SORTED(ErrorKind.BAD_INPUT),
    /** The population file (sample → population) does not exist or cannot be read. */
    POPULATION_FILE_NOT_READABLE(ErrorKind.BAD_INPUT),
    /** A line of the population file is bad: no header, a missing column or field, a sample given twice differently. */
    POPULATION_FILE_INVALID(ErrorKind.BAD_INPUT),
    /** The chosen reference population has fewer than two scored samples in the reference, or is unknown. */
    REFERENCE_POPULATION_TOO_SMALL(ErrorKind.BAD_INPUT),
    /** Fewer of the score's variants are scored in both the target and the reference than the minimum overlap. */
    REFERENCE_OVERLAP_TOO_LOW(ErrorKind.BAD_INPUT),
    /** A risk-band specification cannot be read ({@code high:95,elevated:80}). */
    RISK_BANDS_INVALID(ErrorKind.BAD_INPUT),
    /** The reference cannot give an ancestry model: fewer than two labelled super-populations, or too few common SNPs. */
    ANCESTRY_MODEL_INVALID(ErrorKind.BAD_INPUT),
    /** Too few of the ancestry model's variants are called in the person to choose a reference population by ancestry. */
    ANCESTRY_TOO_FEW_VARIANTS(ErrorKind.BAD_INPUT),
    /** The person has no genotypes on the score's genome build. */
    NO_GENOTYPES(ErrorKind.NOT_FOUND),
    /** The score asked for is not among the scores offered. */
    SCORE_NOT_FOUND(ErrorKind.NOT_FOUND),
    /** No reference population is configured for the score's genome build. */
    REFERENCE_NOT_AVAILABLE(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    PrsErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "PRS_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
