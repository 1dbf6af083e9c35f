package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What storing one submission did.
 *
 * @param submission the stored version
 * @param aggregate the aggregate it produced
 * @param reclassification the clinically significant change it caused, if any
 * @param recall what the recall of that change did (empty without a change, when another process recalled it, or when
 *     it could not be made now: it then stays pending for {@link VariantRegister#recallPending})
 * @param discordanceId the unresolved discordance of the variant and condition after it, if any
 */
public record SubmissionResult(Submission submission, VariantAggregate aggregate, Optional<Reclassification> reclassification,
        Optional<Recall> recall, Optional<Long> discordanceId) {
    public SubmissionResult {
        requireNonNull(submission, "submission is null");
        requireNonNull(aggregate, "aggregate is null");
        requireNonNull(reclassification, "reclassification is null");
        requireNonNull(recall, "recall is null");
        requireNonNull(discordanceId, "discordanceId is null");
    }
}
