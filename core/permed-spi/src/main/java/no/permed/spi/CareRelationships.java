package no.permed.spi;

import java.time.Instant;
import java.util.Optional;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;

/**
 * Records that a clinician treats a patient. A clinician may see a patient's data only while such a
 * relationship exists. Capabilities record one when a laboratory submits a sample that names the
 * responsible clinician; EHR integrations assert them; clinicians may declare one with a reason
 * (break the glass), which is audited and shown to the patient.
 */
public interface CareRelationships {
    enum Source {
        /** A laboratory named the clinician as responsible when submitting a sample. */
        LAB_SUBMISSION,
        /** An electronic health record integration asserted the relationship. */
        EHR,
        /** The clinician declared it themself, with a reason (emergency access). */
        BREAK_THE_GLASS
    }

    /**
     * Records a relationship (audited) and returns its id.
     *
     * @param reason required for BREAK_THE_GLASS, optional otherwise; must not contain personal data
     * @param validUntil when the relationship lapses; empty for the configured default duration
     */
    long record(
            RequestContext context,
            Pseudonym patient,
            UserId clinician,
            Source source,
            Optional<String> reason,
            Optional<Instant> validUntil);

    /** Whether the clinician has a relationship with the patient that is valid now. */
    boolean isActive(Pseudonym patient, UserId clinician, Instant now);
}
