package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.interpret.OutsideCall;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.profile.internal.OutsideCallsBridge;

/**
 * One version of a patient's pharmacogenomic profile: the calls of one sample as they were made, never changed.
 *
 * @param patient the patient's store pseudonym
 * @param version 1 for the first profile of the patient, then 2, 3, … (each new sample or test adds one)
 * @param sampleId the sample's id (the laboratory's sample id in the genome store)
 * @param calls the star-allele calls per gene, as the caller made them
 * @param outsideCalls the calls made outside permed (CYP2D6, HLA-B, …) that came with the sample
 * @param dataVersion the PGx knowledge version the calls were made with
 * @param source where the calls came from
 * @param createdAt when the version was recorded
 * @param createdBy who recorded it
 */
public record PgxProfile(
        Pseudonym patient,
        int version,
        String sampleId,
        CallResult calls,
        List<OutsideCall> outsideCalls,
        String dataVersion,
        ProfileSource source,
        Instant createdAt,
        UserId createdBy) {
    public PgxProfile {
        requireNonNull(patient, "patient is null");
        if (version < 1) {
            throw new IllegalArgumentException("profile versions start at 1, not " + version);
        }
        requireNonNull(sampleId, "sampleId is null");
        requireNonNull(calls, "calls is null");
        outsideCalls = List.copyOf(requireNonNull(outsideCalls, "outsideCalls is null"));
        requireNonNull(dataVersion, "dataVersion is null");
        requireNonNull(source, "source is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
    }

    /** The outside calls as the interpreter takes them. */
    public OutsideCalls outside() {
        return OutsideCallsBridge.of(outsideCalls);
    }
}
