package no.permed.consent;

import java.util.ArrayList;
import java.util.List;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditSink;

/** An audit sink that keeps the events in memory (a hand-written fake of the SPI). */
final class MemoryAudit implements AuditSink {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized long append(AuditEvent event) {
        events.add(event);
        return events.size();
    }

    synchronized List<AuditEvent> events(String action) {
        return events.stream().filter(event -> event.action().equals(action)).toList();
    }
}
