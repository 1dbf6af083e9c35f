package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The last entry of the audit log at some moment: its sequence number and hash. Publishing heads
 * outside the database (in the operator's log, a ticket, a signed e-mail) lets
 * {@link AuditLog#verify(AuditHead)} prove later that no entry up to that point was changed and
 * that none was cut from the end.
 */
public record AuditHead(long sequence, String hash) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public AuditHead {
        if (sequence < 1) {
            throw new IllegalArgumentException("an audit head names an entry, so its sequence is at least 1, was " + sequence);
        }
        requireNonNull(hash, "hash is null");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("an audit hash is 64 lower-case hexadecimal characters");
        }
    }

    /** Parses the form {@link #toString()} writes: {@code <sequence>:<hash>}. */
    public static AuditHead parse(String text) {
        requireNonNull(text, "text is null");
        int colon = text.indexOf(':');
        if (colon < 1 || !text.substring(0, colon).matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("an audit head is written as <sequence>:<64 hex characters>, e.g. 42:3a7b…");
        }
        return new AuditHead(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return sequence + ":" + hash;
    }
}
