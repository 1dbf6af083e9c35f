package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.aggregate.SubmissionReviewStatus;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;

/**
 * The organisations whose classifications the register's operator recognises as more than a laboratory's: expert panels
 * (e.g. a ClinGen VCEP or a national expert group for a gene) and bodies that publish practice guidelines. A submission
 * from such an organisation is stored with review status {@link SubmissionReviewStatus#EXPERT_PANEL} or
 * {@link SubmissionReviewStatus#PRACTICE_GUIDELINE}, and then decides the aggregate as in ClinVar (3 or 4 stars; the other
 * submissions are kept and shown but do not count).
 *
 * <p>Why by designation and not by a claim in the token: a laboratory's user cannot make its own classification decisive;
 * the designation is the operator's, recorded in configuration, and a submission keeps the status it was given when it
 * was stored (as ClinVar's SCV does), so a later change of designation does not rewrite history.
 *
 * @param expertPanels organisations whose submissions are "reviewed by expert panel"
 * @param practiceGuidelines organisations whose submissions are "practice guideline"
 */
public record SubmitterDesignations(Set<OrganisationId> expertPanels, Set<OrganisationId> practiceGuidelines) {
    /** No designated organisation: every submission is a laboratory's. */
    public static final SubmitterDesignations NONE = new SubmitterDesignations(Set.of(), Set.of());

    public SubmitterDesignations {
        expertPanels = Set.copyOf(requireNonNull(expertPanels, "expertPanels is null"));
        practiceGuidelines = Set.copyOf(requireNonNull(practiceGuidelines, "practiceGuidelines is null"));
        Set<OrganisationId> both = new HashSet<>(expertPanels);
        both.retainAll(practiceGuidelines);
        if (!both.isEmpty()) {
            throw new PermedException(InterpretationErrorCode.INVALID_SUBMISSION, "An organisation is designated both an expert panel"
                    + " and a practice-guideline body: " + both.stream().map(OrganisationId::value).sorted().toList(),
                    Map.of("field", "expertPanels"));
        }
    }

    /**
     * The review status of a submission from this organisation: its designation, else whether assertion criteria were
     * stated.
     */
    public SubmissionReviewStatus statusOf(OrganisationId submitter, boolean criteriaProvided) {
        requireNonNull(submitter, "submitter is null");
        if (practiceGuidelines.contains(submitter)) {
            return SubmissionReviewStatus.PRACTICE_GUIDELINE;
        }
        if (expertPanels.contains(submitter)) {
            return SubmissionReviewStatus.EXPERT_PANEL;
        }
        return criteriaProvided ? SubmissionReviewStatus.CRITERIA_PROVIDED : SubmissionReviewStatus.NO_ASSERTION_CRITERIA;
    }
}
