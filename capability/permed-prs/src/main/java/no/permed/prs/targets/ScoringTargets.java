package no.permed.prs.targets;

import java.util.List;
import java.util.Optional;
import no.permed.kernel.Pseudonym;
import no.permed.prs.calc.GenotypeLoader;

/**
 * The samples a score can be computed on and their genotypes: the genome store as the polygenic-score routes see it.
 * The app implements it over {@code GenomeStore} ({@code no.permed.app.PrsScoring}); the capability and its routes do
 * not depend on the genome capability. Assemblies are named {@code GRCh37} or {@code GRCh38} ({@link Builds#canonical}).
 * Reads through this interface are not audited: the caller (a route) authorises and audits.
 */
public interface ScoringTargets {
    /** The samples of research cohorts on the assembly (of one cohort when given), in store order. */
    List<TargetSample> researchSamples(String assembly, Optional<String> cohort);

    /** The patient's samples on the assembly, the most recently stored first. */
    List<TargetSample> patientSamples(Pseudonym patient, String assembly);

    /**
     * Loads the calls of these samples (in this order) at the positions asked for. A sample without a stored call at a
     * site that another loaded sample has is missing there, unless its gVCF reference blocks cover the site (then
     * {@code 0/0}).
     */
    GenotypeLoader genotypes(List<TargetSample> samples, String assembly);
}
