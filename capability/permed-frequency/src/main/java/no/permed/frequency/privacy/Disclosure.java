package no.permed.frequency.privacy;

import java.util.Set;
import no.permed.frequency.AccessTier;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.RegisterLine;

/**
 * The one place that turns the register's exact counts into what a client of a tier is shown (docs/privacy.md).
 * Thread-safe.
 */
public final class Disclosure {
    // API agreed between the register, the Beacon and the privacy rules; the privacy helper implements the bodies.

    /**
     * Charges one query of {@code client} (a user id, or the address of an anonymous caller) at {@code tier}.
     *
     * @throws no.permed.kernel.PermedException {@code FREQUENCY_QUERY_BUDGET_SPENT} (429) when the client's budget for the
     *     current window is spent; details name {@code retryAfterSeconds}
     */
    public void charge(AccessTier tier, String client) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether {@code dataset} is shown at all at {@code tier} (e.g. the minimum number of samples). */
    public boolean exposes(AccessTier tier, DatasetSummary dataset) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether record-level data (individuals, biosamples, case-level data) may be shown at {@code tier}. */
    public boolean sampleLevel(AccessTier tier) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * The line as {@code client} at {@code tier} is shown it, counting only the datasets named in {@code visibleDatasets}
     * (the caller has already applied {@link #exposes} and, for CONTROLLED, the permits).
     */
    public PublishedLine publish(AccessTier tier, String client, RegisterLine line, Set<String> visibleDatasets) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
