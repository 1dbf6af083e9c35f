package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/** The review status of one submission, as ClinVar records it per submission (SCV). */
public enum SubmissionReviewStatus {
    /** A practice guideline (4 stars when it decides the aggregate). */
    PRACTICE_GUIDELINE("practice guideline"),
    /** Reviewed by an expert panel, e.g. a ClinGen VCEP (3 stars when it decides the aggregate). */
    EXPERT_PANEL("reviewed by expert panel"),
    /** The submitter states the assertion criteria it used (ACMG/AMP or its own published method). */
    CRITERIA_PROVIDED("criteria provided, single submitter"),
    /** A classification without stated assertion criteria. */
    NO_ASSERTION_CRITERIA("no assertion criteria provided");

    private final String clinvarName;

    SubmissionReviewStatus(String clinvarName) {
        this.clinvarName = clinvarName;
    }

    /** The ClinVar spelling. */
    public String clinvarName() {
        return clinvarName;
    }

    /** Whether assertion criteria were provided (every status but {@link #NO_ASSERTION_CRITERIA}). */
    public boolean criteriaProvided() {
        return this != NO_ASSERTION_CRITERIA;
    }

    /**
     * Parses ClinVar's spelling (also {@code criteria provided}), ignoring case.
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_REVIEW_STATUS} listing the allowed values
     */
    public static SubmissionReviewStatus parse(String text) {
        requireNonNull(text, "text is null");
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("criteria provided")) {
            return CRITERIA_PROVIDED;
        }
        return Arrays.stream(values()).filter(status -> status.clinvarName.equals(lower)).findFirst()
                .orElseThrow(() -> new PermedException(InterpretationErrorCode.UNKNOWN_REVIEW_STATUS,
                        "Unknown submission review status '" + text + "'; use one of "
                                + Arrays.stream(values()).map(SubmissionReviewStatus::clinvarName).toList(),
                        Map.of("field", "reviewStatus", "value", text)));
    }
}
