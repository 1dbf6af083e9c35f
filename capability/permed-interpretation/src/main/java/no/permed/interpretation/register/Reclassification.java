package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.vcf.normalise.VariantKey;

/**
 * A clinically significant change of an aggregate ({@link ClinicalGroup#isSignificant}), which starts a recall.
 *
 * @param id the register's id
 * @param variant the variant
 * @param conditionKey the condition's key
 * @param from the aggregate class before
 * @param to the aggregate class after
 * @param aggregateVersion the aggregate version that made the change
 * @param submissionId the submission that caused it
 * @param createdAt when
 * @param recalledAt when its notifications were made (empty until then)
 */
public record Reclassification(long id, VariantKey variant, String conditionKey, AggregateClassification from,
        AggregateClassification to, int aggregateVersion, long submissionId, Instant createdAt, Optional<Instant> recalledAt) {
    public Reclassification {
        requireNonNull(variant, "variant is null");
        requireNonNull(conditionKey, "conditionKey is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(recalledAt, "recalledAt is null");
    }

    public ClinicalGroup fromGroup() {
        return ClinicalGroup.of(from);
    }

    public ClinicalGroup toGroup() {
        return ClinicalGroup.of(to);
    }
}
