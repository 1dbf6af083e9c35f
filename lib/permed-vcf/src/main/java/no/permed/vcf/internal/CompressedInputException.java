package no.permed.vcf.internal;

import no.permed.vcf.VcfErrorCode;

/**
 * A fault in the compressed container, raised below the line reader, which adds the file name and the line
 * at which it happened before it reaches the caller as a {@link no.permed.kernel.PermedException}.
 */
public final class CompressedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient VcfErrorCode errorCode;

    public CompressedInputException(VcfErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public VcfErrorCode errorCode() {
        return errorCode;
    }
}
