package no.permed.frequency;

import java.time.Instant;

/**
 * The consent service's answer to the register's one question: may this sample count in anonymous aggregates now?
 * Wired in the application to the consent capability's {@code ConsentView}; see docs/privacy.md for the rule.
 */
public interface AggregateConsent {
    /** Whether the sample may count in the anonymous register at {@code time}. */
    boolean mayCount(RegisteredSample sample, Instant time);

    /** A number that grows whenever an answer of {@link #mayCount} may have changed (a consent given, changed or withdrawn). */
    long generation();

    /** Every sample counts: for research cohorts whose consent was given at collection, and for tests. */
    AggregateConsent EVERY_SAMPLE = new AggregateConsent() {
        @Override
        public boolean mayCount(RegisteredSample sample, Instant time) {
            return true;
        }

        @Override
        public long generation() {
            return 0;
        }
    };
}
