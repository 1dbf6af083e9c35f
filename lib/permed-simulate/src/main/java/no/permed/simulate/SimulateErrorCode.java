package no.permed.simulate;

import no.permed.kernel.ErrorCode;
import no.permed.kernel.ErrorKind;

/**
 * Errors raised while simulating a cohort. Each is thrown as a {@link no.permed.kernel.PermedException} whose
 * details carry {@code file} (the file name, without directories) and, for reference errors that the VCF reader
 * found, {@code cause} (the reader's own code, such as {@code VCF_MALFORMED_GENOTYPE}) and {@code line}.
 */
public enum SimulateErrorCode implements ErrorCode {
    /** The reference panel does not exist or cannot be read. */
    REFERENCE_NOT_READABLE(ErrorKind.BAD_INPUT),
    /** The reference panel is not a valid VCF (the details name the reader's error, line and field). */
    REFERENCE_INVALID(ErrorKind.BAD_INPUT),
    /** The reference panel has no samples, so there are no haplotypes to copy. */
    REFERENCE_WITHOUT_SAMPLES(ErrorKind.BAD_INPUT),
    /** The reference panel has no usable biallelic site (after splitting, without symbolic alleles). */
    REFERENCE_WITHOUT_SITES(ErrorKind.BAD_INPUT),
    /** The reference panel's haplotypes do not fit in the memory given to the JVM. */
    REFERENCE_TOO_LARGE(ErrorKind.BAD_INPUT),
    /** Repeating the reference region to reach the requested number of sites passes the largest VCF position. */
    TOO_MANY_SITES(ErrorKind.BAD_INPUT),
    /** The output file exists and overwriting was not asked for. */
    OUTPUT_EXISTS(ErrorKind.CONFLICT),
    /** The output file cannot be written (its directory is missing, read-only or full). */
    OUTPUT_NOT_WRITABLE(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    SimulateErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "SIMULATE_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
