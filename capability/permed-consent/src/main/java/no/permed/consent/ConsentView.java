package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
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
    private volatile DataUse lastOwnUse;

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
     * Whether the patient's data may count for {@code purpose} in {@code project} (empty: no project) at {@code time}, as
     * permed's own use ({@link DataUse#of}: non-commercial, not-for-profit, ethics-approved, not ancestry research, in
     * Norway): a given, unwithdrawn consent whose purpose covers it (GRU covers HMB and DS, HMB covers DS), for that
     * project or for any project, valid at that time, whose modifiers allow that use. No consent means no.
     */
    public boolean mayCount(Pseudonym patient, ConsentPurpose purpose, Optional<String> project, Instant time) {
        return mayCount(patient, ownUse(purpose, project), time);
    }

    /**
     * Whether the patient's data may count for {@code use} at {@code time}: as above, with the use's own attributes
     * against each consent's DUO modifiers (e.g. a commercial use is refused under NCU or NPUNCU, a use without ethics
     * approval under IRB). Obligations (PUB, COL) do not refuse: see {@link #check}.
     */
    public boolean mayCount(Pseudonym patient, DataUse use, Instant time) {
        requireNonNull(patient, "patient is null");
        requireNonNull(use, "use is null");
        requireNonNull(time, "time is null");
        List<ConsentDecision> decisions = current.get(patient);
        if (decisions == null) {
            return false;
        }
        for (ConsentDecision decision : decisions) {
            if (decision.counts(use, time)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The full answer for {@code use}: allowed or not, the consent it rests on and that consent's obligations (PUB, COL).
     * When several consents allow the use, the one with the fewest obligations is chosen (then the lowest id).
     */
    public ConsentAnswer check(Pseudonym patient, DataUse use, Instant time) {
        requireNonNull(patient, "patient is null");
        requireNonNull(use, "use is null");
        requireNonNull(time, "time is null");
        ConsentDecision best = null;
        for (ConsentDecision decision : current.getOrDefault(patient, List.of())) {
            if (!decision.counts(use, time)) {
                continue;
            }
            if (best == null || decision.terms().obligations().size() < best.terms().obligations().size()
                    || decision.terms().obligations().size() == best.terms().obligations().size()
                            && decision.consentId() < best.consentId()) {
                best = decision;
            }
        }
        return best == null ? ConsentAnswer.REFUSED
                : new ConsentAnswer(true, Optional.of(best.consentId()), best.terms().obligations());
    }

    /** The subset of {@code patients} that may count (in the order given, without duplicates), for aggregates. */
    public Set<Pseudonym> countable(Collection<Pseudonym> patients, ConsentPurpose purpose, Optional<String> project, Instant time) {
        return countable(patients, ownUse(purpose, project), time);
    }

    /** The subset of {@code patients} that may count for {@code use} (in the order given, without duplicates). */
    public Set<Pseudonym> countable(Collection<Pseudonym> patients, DataUse use, Instant time) {
        requireNonNull(patients, "patients is null");
        Set<Pseudonym> result = new LinkedHashSet<>();
        for (Pseudonym patient : patients) {
            if (mayCount(patient, use, time)) {
                result.add(patient);
            }
        }
        return result;
    }

    /**
     * The consent status of {@code project}'s cohort at {@code time} as counts (see {@link ConsentSummary}): every patient
     * with a current consent version for that project or for any project. From memory, like every answer here.
     */
    public ConsentSummary summary(String project, Instant time) {
        ConsentTerms.requireProject(project);
        requireNonNull(time, "time is null");
        Map<ConsentSummary.State, Integer> patients = new EnumMap<>(ConsentSummary.State.class);
        Map<String, Map<ConsentSummary.State, Integer>> byPurpose = new HashMap<>();
        for (List<ConsentDecision> decisions : current.values()) {
            ConsentSummary.State best = null;
            Map<String, ConsentSummary.State> bestPerPurpose = new HashMap<>();
            for (ConsentDecision decision : decisions) {
                Optional<String> scope = decision.terms().project();
                if (scope.isPresent() && !scope.get().equals(project)) {
                    continue;
                }
                ConsentSummary.State state = ConsentSummary.stateOf(decision, time);
                best = better(best, state);
                bestPerPurpose.merge(decision.terms().purpose().toString(), state, ConsentView::better);
            }
            if (best != null) {
                patients.merge(best, 1, Integer::sum);
                bestPerPurpose.forEach((purpose, state) -> byPurpose
                        .computeIfAbsent(purpose, key -> new EnumMap<>(ConsentSummary.State.class)).merge(state, 1, Integer::sum));
            }
        }
        return new ConsentSummary(project, time, patients, new java.util.TreeMap<>(byPurpose));
    }

    /** {@link DataUse#of}, kept for the last purpose and project asked: aggregates ask the same for every sample. */
    private DataUse ownUse(ConsentPurpose purpose, Optional<String> project) {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(project, "project is null");
        DataUse last = lastOwnUse;
        if (last != null && last.purpose().equals(purpose) && last.project().equals(project)) {
            return last;
        }
        DataUse use = DataUse.of(purpose, project);
        lastOwnUse = use;
        return use;
    }

    /** The better of two states: the lower ordinal (given, not yet valid, expired, withdrawn). */
    private static ConsentSummary.State better(ConsentSummary.State a, ConsentSummary.State b) {
        if (a == null) {
            return b;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
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
