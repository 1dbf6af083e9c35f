package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * A page of a patient's access log, newest first.
 *
 * @param entries at most the requested number of entries
 * @param nextBefore pass this as {@code beforeSequence} to get the next (older) page; empty on the last page
 */
public record AccessLogPage(List<AccessLogEntry> entries, OptionalLong nextBefore) {
    public AccessLogPage {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
        requireNonNull(nextBefore, "nextBefore is null");
    }
}
