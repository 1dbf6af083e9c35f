package no.permed.interpretation.aggregate;

import static java.util.Objects.requireNonNull;

import no.permed.interpretation.acmg.Classification;
import no.permed.kernel.OrganisationId;

/**
 * One laboratory's current classification of a variant for a condition: what aggregation needs of a submission. (The
 * register's versioned submission, with criteria, evidence and date, is built on this in the persistence round.)
 *
 * @param submitter the submitting organisation
 * @param classification its class
 * @param reviewStatus how it was reviewed
 */
public record SubmittedClassification(OrganisationId submitter, Classification classification, SubmissionReviewStatus reviewStatus) {
    public SubmittedClassification {
        requireNonNull(submitter, "submitter is null");
        requireNonNull(classification, "classification is null");
        requireNonNull(reviewStatus, "reviewStatus is null");
    }
}
