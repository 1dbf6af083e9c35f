package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import no.permed.interpretation.aggregate.Aggregate;
import no.permed.vcf.normalise.VariantKey;

/**
 * The aggregate of a variant and condition as the register recorded it.
 *
 * @param variant the variant
 * @param conditionKey the condition's {@link Condition#key()}
 * @param version 1, 2, … : one more for each submission to this variant and condition
 * @param aggregate class, review status, stars, counts (from each laboratory's latest version)
 * @param submissionId the submission whose arrival computed it
 * @param computedAt when
 */
public record VariantAggregate(VariantKey variant, String conditionKey, int version, Aggregate aggregate, long submissionId,
        Instant computedAt) {
    public VariantAggregate {
        requireNonNull(variant, "variant is null");
        requireNonNull(conditionKey, "conditionKey is null");
        requireNonNull(aggregate, "aggregate is null");
        requireNonNull(computedAt, "computedAt is null");
    }

    public ClinicalGroup group() {
        return ClinicalGroup.of(aggregate.classification());
    }
}
