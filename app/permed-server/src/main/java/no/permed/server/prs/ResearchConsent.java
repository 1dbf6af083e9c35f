package no.permed.server.prs;

import java.util.Optional;
import no.permed.kernel.Pseudonym;

/**
 * Whether a patient's sample may be counted in a research cohort run now: the app wires it to the consent capability's
 * {@code ConsentView} (asked at every run, so a withdrawal removes the person from every later run). Cohort samples
 * that belong to no patient are not asked: they are counted.
 */
@FunctionalInterface
public interface ResearchConsent {
    /**
     * @param project the research project the run is for, if the researcher named one
     */
    boolean allows(Pseudonym patient, Optional<String> project);
}
