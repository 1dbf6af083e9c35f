package no.permed.kernel;

/** Errors raised while validating the kernel's value types. */
public enum KernelErrorCode implements ErrorCode {
    INVALID_IDENTIFIER(ErrorKind.BAD_INPUT),
    INVALID_NATIONAL_ID(ErrorKind.BAD_INPUT),
    INVALID_PSEUDONYM(ErrorKind.BAD_INPUT);

    private final ErrorKind kind;

    KernelErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public String code() {
        return "KERNEL_" + name();
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
