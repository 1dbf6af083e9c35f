package no.permed.spi;

/**
 * Where every read or write of personal data is recorded. The implementation is append-only and
 * hash-chained; {@link #append} returns only once the entry is durable, and throws if it is not,
 * so that an action whose audit entry could not be written does not happen.
 */
public interface AuditSink {
    /** Appends the event and returns its sequence number in the log. */
    long append(AuditEvent event);
}
