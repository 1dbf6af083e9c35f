package no.permed.consent;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import no.permed.spi.AuditEvent;
import no.permed.spi.TransactionalAuditSink;

/**
 * An audit sink that keeps the events in memory (a hand-written fake of the SPI). An entry written through a
 * transaction is kept at once; {@code ConsentStoreTest} checks with a refusing sink that a change whose entry is
 * refused is not stored, and the real log's atomicity is tested in permed-security.
 */
class MemoryAudit implements TransactionalAuditSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized long append(AuditEvent event) {
        events.add(event);
        return events.size();
    }

    @Override
    public long append(Connection transaction, AuditEvent event) {
        return append(event);
    }

    synchronized List<AuditEvent> events(String action) {
        return events.stream().filter(event -> event.action().equals(action)).toList();
    }
}
