package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one {@link PgxProfileStore#reinterpretAll} did.
 *
 * @param dataVersion the knowledge version interpreted with
 * @param interpreted the profiles interpreted now (their last interpretation used another version, or none)
 * @param firstInterpretations of those, the profiles interpreted for the first time (nothing to compare with)
 * @param failed the profiles whose interpretation failed (logged by profile id; retried on the next run)
 * @param reinterpretations the re-interpretations recorded because a recommendation changed
 */
public record ReinterpretationRun(
        String dataVersion, int interpreted, int firstInterpretations, int failed, List<Reinterpretation> reinterpretations) {
    public ReinterpretationRun {
        requireNonNull(dataVersion, "dataVersion is null");
        reinterpretations = List.copyOf(requireNonNull(reinterpretations, "reinterpretations is null"));
    }
}
