package no.permed.pgx.profile;

import java.util.ArrayList;
import java.util.List;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditSink;

/** An audit sink that keeps the events in memory (a hand-written fake of the SPI); it can be told to fail. */
final class MemoryAudit implements AuditSink {
    private final List<AuditEvent> events = new ArrayList<>();
    private volatile boolean unavailable;

    @Override
    public synchronized long append(AuditEvent event) {
        if (unavailable) {
            throw new IllegalStateException("the audit log is unavailable (test)");
        }
        events.add(event);
        return events.size();
    }

    void unavailable(boolean value) {
        unavailable = value;
    }

    synchronized List<AuditEvent> events(String action) {
        return events.stream().filter(event -> event.action().equals(action)).toList();
    }
}
