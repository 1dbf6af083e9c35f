package no.permed.interpretation.register;

import static java.util.Objects.requireNonNull;

/**
 * What the recall of one reclassification did.
 *
 * @param reclassification the change recalled
 * @param carriers the carriers found
 * @param declined the carriers who do not want such notices ({@link RecallPreference}) and were not notified about
 * @param notifications the notifications made (to submitting laboratories, clinicians and testing laboratories)
 */
public record Recall(Reclassification reclassification, int carriers, int declined, int notifications) {
    public Recall {
        requireNonNull(reclassification, "reclassification is null");
    }
}
