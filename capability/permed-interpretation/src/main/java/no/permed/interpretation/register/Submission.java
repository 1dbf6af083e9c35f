package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.interpretation.aggregate.SubmissionReviewStatus;
import no.permed.interpretation.aggregate.SubmittedClassification;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.UserId;
import no.permed.vcf.normalise.VariantKey;

/**
 * One stored version of a laboratory's classification of a variant for a condition. Versions are append-only and
 * numbered 1, 2, … per variant, condition and laboratory; the latest counts in the aggregate.
 *
 * @param id the register's id of this version
 * @param variant the variant
 * @param condition the condition
 * @param laboratory the submitting laboratory (from the token)
 * @param version the version number
 * @param classification the stated class
 * @param criteria the criteria applied
 * @param reviewStatus {@link SubmissionReviewStatus#CRITERIA_PROVIDED} when criteria are stated,
 *     {@link SubmissionReviewStatus#NO_ASSERTION_CRITERIA} otherwise
 * @param evidence the evidence summary
 * @param classifiedOn the date of the classification
 * @param submittedAt when the register stored it
 * @param submittedBy the user who submitted it
 * @param check the engine's check of the class against the criteria (empty without criteria)
 * @param submittedAs the variant as the laboratory wrote it (an HGVS expression), when that was not the key
 */
public record Submission(long id, VariantKey variant, Condition condition, OrganisationId laboratory, int version,
        Classification classification, List<AppliedCriterion> criteria, SubmissionReviewStatus reviewStatus,
        Optional<String> evidence, LocalDate classifiedOn, Instant submittedAt, UserId submittedBy, Optional<EngineCheck> check,
        Optional<String> submittedAs) {
    public Submission {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(laboratory, "laboratory is null");
        requireNonNull(classification, "classification is null");
        criteria = List.copyOf(requireNonNull(criteria, "criteria is null"));
        requireNonNull(reviewStatus, "reviewStatus is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(classifiedOn, "classifiedOn is null");
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(check, "check is null");
        requireNonNull(submittedAs, "submittedAs is null");
    }

    /** Whether the engine flagged the stated class (it agrees with neither the 2015 rules nor the points). */
    public boolean flagged() {
        return check.map(EngineCheck::flagged).orElse(false);
    }

    /** What aggregation needs of this version. */
    public SubmittedClassification asSubmitted() {
        return new SubmittedClassification(laboratory, classification, reviewStatus);
    }
}
