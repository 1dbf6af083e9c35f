package no.permed.interpretation.register;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import no.permed.spi.AuditEvent;
import no.permed.spi.TransactionalAuditSink;

/**
 * An audit sink that keeps the events in memory (a hand-written fake of the SPI). Entries written through a transaction
 * are kept at once, whether or not that transaction commits: the real log's atomicity is tested in permed-security
 * ({@code AuditLogTest}) and through the routes (permed-server {@code InterpretationRoutesTest}).
 */
final class MemoryAudit implements TransactionalAuditSink {
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

    synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
