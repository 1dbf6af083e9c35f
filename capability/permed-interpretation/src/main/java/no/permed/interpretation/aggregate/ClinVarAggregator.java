package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.interpretation.acmg.Classification;
import no.permed.kernel.OrganisationId;

/**
 * Aggregates the submissions for one variant and condition as ClinVar does.
 *
 * <ol>
 *   <li>If a practice guideline is among the submissions, only practice guidelines count (4 stars); otherwise, if an
 *       expert panel is, only expert panels count (3 stars).
 *   <li>The class is taken from every counted submission: one class gives that class; Pathogenic with Likely pathogenic
 *       gives "Pathogenic/Likely pathogenic"; Benign with Likely benign gives "Benign/Likely benign"; submissions in two
 *       or more of the groups P/LP, VUS and LB/B give "Conflicting classifications of pathogenicity".
 *   <li>The review status counts distinct submitters that provided assertion criteria: none gives "no assertion criteria
 *       provided" (0 stars), one "criteria provided, single submitter" (1), two or more "criteria provided, multiple
 *       submitters, no conflicts" (2); a conflict among submissions, one of which at least provided criteria, gives
 *       "criteria provided, conflicting classifications" (1). No submissions give "not provided".
 * </ol>
 *
 * A submission without criteria still takes part in the class (in the ClinVar 2018 extract a pathogenic submission without
 * criteria beside an uncertain one with criteria is "conflicting"). Stateless and thread-safe.
 */
public final class ClinVarAggregator {
    private ClinVarAggregator() {
    }

    /** The aggregate of the submissions (any order; an empty collection gives "not provided"). */
    public static Aggregate aggregate(Collection<SubmittedClassification> submissions) {
        requireNonNull(submissions, "submissions is null");
        List<SubmittedClassification> counted = counted(submissions);
        Map<Classification, Integer> counts = new EnumMap<>(Classification.class);
        for (SubmittedClassification submission : counted) {
            counts.merge(submission.classification(), 1, Integer::sum);
        }
        AggregateClassification classification = classify(counts.keySet());
        return new Aggregate(classification, reviewStatus(counted, classification), counts);
    }

    /** The aggregate class of a set of submitted classes (empty gives "not provided"). */
    public static AggregateClassification classify(Set<Classification> classes) {
        requireNonNull(classes, "classes is null");
        if (classes.isEmpty()) {
            return AggregateClassification.NOT_PROVIDED;
        }
        Set<Group> groups = EnumSet.noneOf(Group.class);
        for (Classification each : classes) {
            groups.add(Group.of(each));
        }
        if (groups.size() > 1) {
            return AggregateClassification.CONFLICTING;
        }
        if (classes.size() == 1) {
            return single(classes.iterator().next());
        }
        return switch (groups.iterator().next()) {
            case PATHOGENIC -> AggregateClassification.PATHOGENIC_LIKELY_PATHOGENIC;
            case BENIGN -> AggregateClassification.BENIGN_LIKELY_BENIGN;
            case UNCERTAIN -> AggregateClassification.UNCERTAIN_SIGNIFICANCE;
        };
    }

    private static List<SubmittedClassification> counted(Collection<SubmittedClassification> submissions) {
        for (SubmissionReviewStatus decisive : List.of(SubmissionReviewStatus.PRACTICE_GUIDELINE, SubmissionReviewStatus.EXPERT_PANEL)) {
            List<SubmittedClassification> only = new ArrayList<>();
            for (SubmittedClassification submission : submissions) {
                if (submission.reviewStatus() == decisive) {
                    only.add(submission);
                }
            }
            if (!only.isEmpty()) {
                return only;
            }
        }
        return List.copyOf(submissions);
    }

    private static AggregateReviewStatus reviewStatus(List<SubmittedClassification> counted, AggregateClassification classification) {
        if (counted.isEmpty()) {
            return AggregateReviewStatus.NO_CLASSIFICATION;
        }
        SubmissionReviewStatus first = counted.get(0).reviewStatus();
        if (first == SubmissionReviewStatus.PRACTICE_GUIDELINE) {
            return AggregateReviewStatus.PRACTICE_GUIDELINE;
        }
        if (first == SubmissionReviewStatus.EXPERT_PANEL) {
            return AggregateReviewStatus.EXPERT_PANEL;
        }
        Set<OrganisationId> withCriteria = new HashSet<>();
        for (SubmittedClassification submission : counted) {
            if (submission.reviewStatus().criteriaProvided()) {
                withCriteria.add(submission.submitter());
            }
        }
        if (withCriteria.isEmpty()) {
            return AggregateReviewStatus.NO_ASSERTION_CRITERIA;
        }
        if (classification == AggregateClassification.CONFLICTING) {
            return AggregateReviewStatus.CONFLICTING;
        }
        return withCriteria.size() == 1 ? AggregateReviewStatus.SINGLE_SUBMITTER : AggregateReviewStatus.MULTIPLE_SUBMITTERS_NO_CONFLICTS;
    }

    private static AggregateClassification single(Classification classification) {
        return switch (classification) {
            case PATHOGENIC -> AggregateClassification.PATHOGENIC;
            case LIKELY_PATHOGENIC -> AggregateClassification.LIKELY_PATHOGENIC;
            case UNCERTAIN_SIGNIFICANCE -> AggregateClassification.UNCERTAIN_SIGNIFICANCE;
            case LIKELY_BENIGN -> AggregateClassification.LIKELY_BENIGN;
            case BENIGN -> AggregateClassification.BENIGN;
        };
    }

    private enum Group {
        PATHOGENIC, UNCERTAIN, BENIGN;

        static Group of(Classification classification) {
            return switch (classification) {
                case PATHOGENIC, LIKELY_PATHOGENIC -> PATHOGENIC;
                case UNCERTAIN_SIGNIFICANCE -> UNCERTAIN;
                case LIKELY_BENIGN, BENIGN -> BENIGN;
            };
        }
    }
}
