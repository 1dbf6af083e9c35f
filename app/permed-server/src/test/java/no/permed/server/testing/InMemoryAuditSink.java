package no.permed.server.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditSink;

/** Keeps audit events in memory, in order. */
public final class InMemoryAuditSink implements AuditSink {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public long append(AuditEvent event) {
        events.add(event);
        return events.size();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one request, by its id. */
    public List<AuditEvent> eventsOf(String requestId) {
        return events.stream().filter(event -> event.context().requestId().equals(requestId)).toList();
    }
}
