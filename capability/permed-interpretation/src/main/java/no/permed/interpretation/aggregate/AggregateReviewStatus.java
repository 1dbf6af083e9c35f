package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;

/**
 * The review status of an aggregate (a variant and condition), with ClinVar's gold stars. {@link #displayName()} is
 * ClinVar's spelling since January 2024; {@link #parse(String)} also takes the earlier one ("criteria provided,
 * conflicting interpretations").
 */
public enum AggregateReviewStatus {
    PRACTICE_GUIDELINE("practice guideline", 4),
    EXPERT_PANEL("reviewed by expert panel", 3),
    MULTIPLE_SUBMITTERS_NO_CONFLICTS("criteria provided, multiple submitters, no conflicts", 2),
    CONFLICTING("criteria provided, conflicting classifications", 1),
    SINGLE_SUBMITTER("criteria provided, single submitter", 1),
    NO_ASSERTION_CRITERIA("no assertion criteria provided", 0),
    NO_CLASSIFICATION("no assertion provided", 0);

    private static final Map<String, AggregateReviewStatus> LEGACY = Map.of(
            "criteria provided, conflicting interpretations", CONFLICTING,
            "no classification provided", NO_CLASSIFICATION,
            "no classifications from unflagged records", NO_CLASSIFICATION);

    private final String displayName;
    private final int goldStars;

    AggregateReviewStatus(String displayName, int goldStars) {
        this.displayName = displayName;
        this.goldStars = goldStars;
    }

    public String displayName() {
        return displayName;
    }

    /** ClinVar's gold stars, 0 to 4. */
    public int goldStars() {
        return goldStars;
    }

    /**
     * Parses ClinVar's current or earlier spelling, ignoring case.
     *
     * @throws PermedException with {@link InterpretationErrorCode#UNKNOWN_REVIEW_STATUS}
     */
    public static AggregateReviewStatus parse(String text) {
        requireNonNull(text, "text is null");
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (AggregateReviewStatus status : values()) {
            if (status.displayName.equals(lower)) {
                return status;
            }
        }
        AggregateReviewStatus legacy = LEGACY.get(lower);
        if (legacy == null) {
            throw new PermedException(InterpretationErrorCode.UNKNOWN_REVIEW_STATUS,
                    "Unknown aggregate review status '" + text + "'",
                    Map.of("field", "reviewStatus", "value", text,
                            "allowed", List.of(values()).stream().map(AggregateReviewStatus::displayName).toList()));
        }
        return legacy;
    }
}
