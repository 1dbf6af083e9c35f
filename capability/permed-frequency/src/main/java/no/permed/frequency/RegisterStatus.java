package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The state of the register's counts.
 *
 * @param countedAt when the samples' consent was last evaluated and the counts made
 * @param countedSamples samples that count (consent allows anonymous aggregate use, and reference calls)
 * @param excludedSamples live samples that do not count
 * @param variants variants with counts, over all assemblies
 * @param millis how long the last counting took
 * @param mode how the counts were made: counted from the store, or consent changes applied as a difference
 */
public record RegisterStatus(Instant countedAt, int countedSamples, int excludedSamples, long variants, long millis, String mode) {
    public RegisterStatus {
        requireNonNull(countedAt, "countedAt is null");
        requireNonNull(mode, "mode is null");
    }
}
