package no.permed.spi;

import java.time.Instant;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.Pseudonym;

/**
 * Records that a laboratory organisation works on a patient's samples. A laboratory may read the
 * results of a patient (purpose LABORATORY) only while such a link exists. The capability that
 * accepts a sample records the link when the laboratory submits it.
 */
public interface LaboratoryLinks {
    /**
     * Records (audited) that {@code laboratory} submitted a sample of {@code patient}, and returns the
     * link's id. The caller must be a laboratory user acting for that organisation. The link lasts
     * for the configured care-relationship duration from now; each new submission renews it.
     */
    long recordLaboratoryLink(RequestContext context, Pseudonym patient, OrganisationId laboratory);

    /** Whether the laboratory has a link to the patient that is valid now. */
    boolean isLaboratoryLinked(Pseudonym patient, OrganisationId laboratory, Instant now);
}
