package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The consent status of a project's cohort as counts of patients, never identities: the patients whose consents apply to
 * the project (named for it, or for any project), each counted once per row by their best state (given before not yet
 * valid before expired before withdrawn). Per purpose the same, per purpose the consents name ({@code GRU},
 * {@code DS:MONDO:0007254}, …). Disclosure control (bands for small counts) is the caller's.
 *
 * @param project   the project
 * @param at        the time the states hold at
 * @param patients  patients by state (every state present, zero included)
 * @param byPurpose per purpose, patients by state (every state present)
 */
public record ConsentSummary(String project, Instant at, Map<State, Integer> patients, SortedMap<String, Map<State, Integer>> byPurpose) {

    /** The state of a patient's consent for the project at a time. */
    public enum State {
        /** Given, not withdrawn, valid now: the patient counts. */
        GIVEN,
        /** Given, not withdrawn, and its period has not begun. */
        NOT_YET_VALID,
        /** Given, not withdrawn, and its period has ended. */
        EXPIRED,
        /** Withdrawn. */
        WITHDRAWN
    }

    public ConsentSummary {
        requireNonNull(project, "project is null");
        requireNonNull(at, "at is null");
        patients = Map.copyOf(complete(requireNonNull(patients, "patients is null")));
        SortedMap<String, Map<State, Integer>> copy = new TreeMap<>();
        requireNonNull(byPurpose, "byPurpose is null").forEach((purpose, counts) -> copy.put(purpose, Map.copyOf(complete(counts))));
        byPurpose = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** The state of one consent version at {@code time}. */
    static State stateOf(ConsentDecision decision, Instant time) {
        if (decision.status() == ConsentStatus.WITHDRAWN) {
            return State.WITHDRAWN;
        }
        ConsentTerms terms = decision.terms();
        if (time.isBefore(terms.validFrom())) {
            return State.NOT_YET_VALID;
        }
        return terms.validAt(time) ? State.GIVEN : State.EXPIRED;
    }

    private static Map<State, Integer> complete(Map<State, Integer> counts) {
        Map<State, Integer> all = new EnumMap<>(State.class);
        for (State state : State.values()) {
            Integer count = counts.get(state);
            if (count != null && count < 0) {
                throw new IllegalArgumentException("a count is never negative: " + state + " " + count);
            }
            all.put(state, count == null ? 0 : count);
        }
        return all;
    }
}
