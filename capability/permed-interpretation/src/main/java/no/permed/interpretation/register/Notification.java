package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.vcf.normalise.VariantKey;

/**
 * A notice of a reclassification to one recipient: to a laboratory that submitted for the variant and condition
 * (no patient), or, for each carrier, to each clinician with a care relationship to the carrier and to the laboratory
 * that tested the carrier's sample.
 *
 * @param id the register's id
 * @param reclassificationId the reclassification it tells of
 * @param variant the variant
 * @param conditionKey the condition's key
 * @param from the aggregate class before
 * @param to the aggregate class after
 * @param recipient who is told
 * @param patient the carrier (store pseudonym), for carrier notices
 * @param sampleId the carrier's sample
 * @param createdAt when
 * @param acknowledgedAt when the recipient acknowledged it
 * @param acknowledgedBy who acknowledged it
 */
public record Notification(long id, long reclassificationId, VariantKey variant, String conditionKey, AggregateClassification from,
        AggregateClassification to, Recipient recipient, Optional<Pseudonym> patient, Optional<String> sampleId, Instant createdAt,
        Optional<Instant> acknowledgedAt, Optional<UserId> acknowledgedBy) {
    public Notification {
        requireNonNull(variant, "variant is null");
        requireNonNull(conditionKey, "conditionKey is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(sampleId, "sampleId is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(acknowledgedAt, "acknowledgedAt is null");
        requireNonNull(acknowledgedBy, "acknowledgedBy is null");
    }

    public boolean acknowledged() {
        return acknowledgedAt.isPresent();
    }
}
