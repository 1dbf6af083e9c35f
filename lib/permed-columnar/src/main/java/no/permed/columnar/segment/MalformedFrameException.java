package no.permed.columnar.segment;

/**
 * Thrown inside block decoding when a frame breaks the format; the block-level caller turns it
 * into a {@link no.permed.columnar.ColumnarErrorCode#CORRUPT_SEGMENT} error naming file and block.
 */
final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
