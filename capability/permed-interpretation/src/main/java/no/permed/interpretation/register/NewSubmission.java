package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import no.permed.interpretation.acmg.AppliedCriterion;
import no.permed.interpretation.acmg.Classification;
import no.permed.vcf.normalise.VariantKey;

/**
 * What a laboratory submits: its classification of a variant for a condition. The laboratory and the submitter come
 * from the caller's token, never from here.
 *
 * @param variant the normalised variant
 * @param condition the condition
 * @param classification the stated class
 * @param criteria the ACMG/AMP criteria applied, with strengths (empty: no assertion criteria stated)
 * @param evidence the evidence summary, if any (at most 10,000 characters; no personal data)
 * @param classifiedOn the date of the classification
 * @param submittedAs the variant as the laboratory wrote it, when that was not the key (an HGVS expression; at most
 *     1,000 characters)
 */
public record NewSubmission(VariantKey variant, Condition condition, Classification classification, List<AppliedCriterion> criteria,
        Optional<String> evidence, LocalDate classifiedOn, Optional<String> submittedAs) {
    /** A submission that named its variant by the key. */
    public NewSubmission(VariantKey variant, Condition condition, Classification classification, List<AppliedCriterion> criteria,
            Optional<String> evidence, LocalDate classifiedOn) {
        this(variant, condition, classification, criteria, evidence, classifiedOn, Optional.empty());
    }

    /** The longest evidence summary. */
    public static final int MAX_EVIDENCE = 10_000;

    public NewSubmission {
        requireNonNull(variant, "variant is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(classification, "classification is null");
        criteria = List.copyOf(requireNonNull(criteria, "criteria is null"));
        requireNonNull(evidence, "evidence is null");
        requireNonNull(classifiedOn, "classifiedOn is null");
        requireNonNull(submittedAs, "submittedAs is null");
        if (submittedAs.isPresent() && submittedAs.get().length() > 1000) {
            throw new IllegalArgumentException("submittedAs has more than 1000 characters");
        }
        if (evidence.isPresent() && evidence.get().length() > MAX_EVIDENCE) {
            throw new IllegalArgumentException("evidence has more than " + MAX_EVIDENCE + " characters");
        }
    }
}
