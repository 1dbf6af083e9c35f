package no.permed.vcf;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors raised while reading, validating and normalising VCF input. Every input error is thrown as a
 * {@link no.permed.kernel.PermedException} whose details carry {@code file}, {@code line} and {@code field}
 * (and {@code sample} where one sample is at fault); see {@code no.permed.vcf.internal.VcfErrors}.
 */
public enum VcfErrorCode implements ErrorCode {
    /** The file does not exist or cannot be read. */
    FILE_NOT_READABLE(ErrorKind.BAD_INPUT),
    /** The input has no bytes, or no header at all. */
    EMPTY_INPUT(ErrorKind.BAD_INPUT),
    /** The input is compressed with something other than gzip/BGZF, or is BCF. */
    UNSUPPORTED_FORMAT(ErrorKind.BAD_INPUT),
    /** A gzip member or the BGZF end-of-file marker is missing: the file was cut short. */
    TRUNCATED_INPUT(ErrorKind.BAD_INPUT),
    /** The compressed data are damaged (bad deflate stream, checksum or size mismatch, trailing bytes). */
    CORRUPT_COMPRESSED_INPUT(ErrorKind.BAD_INPUT),
    /**
     * Binary bytes (NUL or control characters) where VCF text was expected. On the first line the message names the
     * usual causes: UTF-16 text, or a file compressed twice (gzip inside gzip).
     */
    BINARY_CONTENT(ErrorKind.BAD_INPUT),
    /** A line is longer than the configured limit. */
    LINE_TOO_LONG(ErrorKind.BAD_INPUT),
    /** The first line is not {@code ##fileformat=VCFv4.x} (the message says so when a UTF-8 byte-order mark precedes it). */
    MISSING_FILEFORMAT(ErrorKind.BAD_INPUT),
    /** The VCF version is not one this reader supports. */
    UNSUPPORTED_VERSION(ErrorKind.BAD_INPUT),
    /** A {@code ##} meta-information line is malformed. */
    MALFORMED_HEADER_LINE(ErrorKind.BAD_INPUT),
    /** A contig is declared twice in the header. */
    DUPLICATE_CONTIG(ErrorKind.BAD_INPUT),
    /** There is no {@code #CHROM} column header line before the first record. */
    MISSING_COLUMN_HEADER(ErrorKind.BAD_INPUT),
    /** The {@code #CHROM} line does not have the fixed columns in order, or has an empty sample name. */
    MALFORMED_COLUMN_HEADER(ErrorKind.BAD_INPUT),
    /** The same sample name appears twice in the {@code #CHROM} line. */
    DUPLICATE_SAMPLE(ErrorKind.BAD_INPUT),
    /** A record has more or fewer tab-separated columns than the {@code #CHROM} line. */
    WRONG_COLUMN_COUNT(ErrorKind.BAD_INPUT),
    /**
     * CHROM is empty or contains characters that are not allowed, or the header declares contigs
     * ({@code ##contig} lines) but not this one. (A header without any {@code ##contig} line allows every contig.)
     */
    INVALID_CONTIG(ErrorKind.BAD_INPUT),
    /** POS is not a positive integer. */
    INVALID_POSITION(ErrorKind.BAD_INPUT),
    /** POS (or END) lies beyond the declared or assembly length of the contig. */
    POSITION_BEYOND_CONTIG(ErrorKind.BAD_INPUT),
    /** REF is not a sequence of A, C, G, T, N. */
    INVALID_REFERENCE_ALLELE(ErrorKind.BAD_INPUT),
    /**
     * An ALT allele is not A/C/G/T/N bases, a symbolic allele, {@code *} or a lone {@code .}; or it equals REF; or
     * it is listed twice.
     */
    INVALID_ALTERNATE_ALLELE(ErrorKind.BAD_INPUT),
    /**
     * QUAL is neither {@code .} nor a floating-point number as the VCF specification defines Float
     * ({@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, or {@code INF}, {@code INFINITY}, {@code NAN}
     * in any case with an optional sign).
     */
    INVALID_QUALITY(ErrorKind.BAD_INPUT),
    /**
     * An INFO value this reader uses (END) is malformed, or INFO has white space where the file's version forbids
     * it: never in keys (nor around {@code ;} and {@code =}); in values only from VCFv4.3 on.
     */
    INVALID_INFO(ErrorKind.BAD_INPUT),
    /**
     * FORMAT is empty or malformed (an empty key, a key listed twice), or a sample column has more
     * {@code :}-separated values than FORMAT has keys (fewer is allowed: trailing values may be dropped), or the
     * value of the FORMAT key the reader was asked to read as an Integer ({@code VcfReaderOptions.withFormatInteger},
     * e.g. PS) is empty or not a VCF Integer (the field is then that key).
     */
    INVALID_FORMAT(ErrorKind.BAD_INPUT),
    /**
     * Records of one contig are not sorted by position, or a gVCF reference block (a record with INFO END and no ALT
     * allele besides {@code <NON_REF>}) reaches over the POS of the next record. Variants may overlap later records.
     */
    UNSORTED_RECORDS(ErrorKind.BAD_INPUT),
    /** A contig's records are interrupted by another contig's and resume later. */
    CONTIG_NOT_CONTIGUOUS(ErrorKind.BAD_INPUT),
    /** A GT value is not of the form {@code a}, {@code a/b} or {@code a|b} with allele indices or {@code .}. */
    MALFORMED_GENOTYPE(ErrorKind.BAD_INPUT),
    /** A GT value has more than two alleles (only haploid and diploid calls are supported). */
    UNSUPPORTED_PLOIDY(ErrorKind.BAD_INPUT),
    /** A call's ploidy is not allowed on this contig by the configured ploidy policy. */
    PLOIDY_NOT_ALLOWED(ErrorKind.BAD_INPUT),
    /** A GT allele index is greater than the number of ALT alleles. */
    ALLELE_INDEX_OUT_OF_RANGE(ErrorKind.BAD_INPUT),
    /** The caller's assembly differs from the one recognised from the header's contigs. */
    ASSEMBLY_MISMATCH(ErrorKind.BAD_INPUT),
    /** The header's contigs match GRCh37 for some chromosomes and GRCh38 for others. */
    ASSEMBLY_CONFLICT(ErrorKind.BAD_INPUT),
    /** No assembly was given and none could be recognised, but one is required. */
    ASSEMBLY_UNKNOWN(ErrorKind.BAD_INPUT),
    /** REF does not match the reference sequence at its position. */
    REFERENCE_MISMATCH(ErrorKind.BAD_INPUT),
    /** The reference FASTA (or its index) cannot be read, is malformed, or lacks the contig. */
    REFERENCE_UNAVAILABLE(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    VcfErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "VCF_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
