package no.permed.spi;

import java.sql.Connection;

/**
 * An {@link AuditSink} that can also write its entry inside the caller's open database transaction, so that a change
 * and the entry that records it are committed together or not at all.
 *
 * <p>Why: a capability that audits only after its own commit leaves a window in which a crash keeps the change and
 * loses its entry; one that audits before leaves an entry for a change that may then fail. With both in one
 * transaction neither can happen. The implementation serialises entries (the audit log is a hash chain), so the caller
 * should append near the end of its transaction and commit promptly.
 */
public interface TransactionalAuditSink extends AuditSink {
    /**
     * Appends the event through the caller's connection, inside its open transaction (auto-commit off). The connection
     * is neither committed, rolled back nor closed here; the entry is durable once the caller commits.
     *
     * @param transaction a connection to the audit log's database with a transaction open
     * @param event the event
     * @return the entry's sequence number (valid once the transaction commits)
     * @throws IllegalStateException when the connection has no open transaction
     */
    long append(Connection transaction, AuditEvent event);
}
