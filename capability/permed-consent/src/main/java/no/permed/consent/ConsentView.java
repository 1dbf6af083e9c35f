package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.permed.kernel.Pseudonym;

/**
 * The one enforcement point of consent: "may this pseudonym count for purpose P (and project X) at time T?" and "does
 * this patient want reclassification notices?". Answers come from memory only — a hash lookup on the pseudonym and a
 * scan of that patient's few current consents, never a database round trip — and are replaced for a patient as soon as
 * {@link ConsentStore} commits a change for them, so a withdrawal takes effect at once (in this process). Thread-safe:
 * each patient's entry is an immutable list swapped atomically.
 */
public final class ConsentView {
    private final Map<Pseudonym, List<ConsentDecision>> current = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    ConsentView() {
    }

    /** Replaces the patient's current consents (the highest version of each), as the store has just committed them. */
    void replace(Pseudonym patient, List<ConsentDecision> decisions) {
        if (decisions.isEmpty()) {
            current.remove(patient);
        } else {
            current.put(patient, List.copyOf(decisions));
        }
        generation.incrementAndGet();
    }

    /**
     * A number that grows with every change of any patient's consents, so that a materialised aggregate (the frequency
     * register) can tell cheaply that it must count again. Validity periods that begin or end do not change it.
     */
    public long generation() {
        return generation.get();
    }

    /**
     * Whether the patient's data may count for {@code purpose} in {@code project} (empty: no project) at {@code time}: a
     * given, unwithdrawn consent whose purpose covers it (GRU covers HMB and DS, HMB covers DS), for that project or for
     * any project, valid at that time. No consent means no.
     */
    public boolean mayCount(Pseudonym patient, ConsentPurpose purpose, Optional<String> project, Instant time) {
        requireNonNull(patient, "patient is null");
        requireNonNull(purpose, "purpose is null");
        requireNonNull(project, "project is null");
        requireNonNull(time, "time is null");
        List<ConsentDecision> decisions = current.get(patient);
        if (decisions == null) {
            return false;
        }
        for (ConsentDecision decision : decisions) {
            if (decision.counts(purpose, project, time)) {
                return true;
            }
        }
        return false;
    }

    /** The subset of {@code patients} that may count (in the order given, without duplicates), for aggregates. */
    public Set<Pseudonym> countable(Collection<Pseudonym> patients, ConsentPurpose purpose, Optional<String> project, Instant time) {
        requireNonNull(patients, "patients is null");
        Set<Pseudonym> result = new LinkedHashSet<>();
        for (Pseudonym patient : patients) {
            if (mayCount(patient, purpose, project, time)) {
                result.add(patient);
            }
        }
        return result;
    }

    /** The findings choices of the patient's most recently recorded consent version, if any. */
    public Optional<FindingsChoices> findings(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        List<ConsentDecision> decisions = current.get(patient);
        if (decisions == null) {
            return Optional.empty();
        }
        return decisions.stream().max(java.util.Comparator.comparing(ConsentDecision::recordedAt)
                        .thenComparingLong(ConsentDecision::consentId))
                .map(decision -> decision.terms().findings());
    }

    /**
     * Whether the patient wants notices of reclassified variants: their latest choice; {@code true} when they have
     * recorded none (the clinical default: recall is part of care until the patient says no).
     */
    public boolean wantsReclassificationNotices(Pseudonym patient) {
        return findings(patient).map(FindingsChoices::reclassificationNotices).orElse(true);
    }

    /** Whether the patient wants to be told of incidental and secondary findings: only when they said so. */
    public boolean wantsIncidentalFindings(Pseudonym patient) {
        return findings(patient).map(FindingsChoices::incidentalFindings).orElse(false);
    }

    /** How many patients hold at least one current consent version (for metrics; no identities). */
    public int patients() {
        return current.size();
    }
}
