package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.kernel.Pseudonym;
import no.permed.vcf.genome.Assembly;

/**
 * A stored sample as the register sees it: no name, no laboratory sample ID, only what counting needs.
 *
 * @param id the genome store's row id (stable, never reused)
 * @param publicId the identifier shown in record-level Beacon answers (CONTROLLED tier only): a research cohort's own
 *     sample ID (e.g. 1000 Genomes' {@code HG00096}, already public), or {@code clinical-<id>} for a care sample (never the
 *     laboratory's sample ID, the national ID or the pseudonym)
 * @param sex {@code male} or {@code female}, where known
 * @param dataset the dataset it belongs to: its cohort's name, or {@link #CLINICAL} for a patient's care sample
 * @param patient the patient's pseudonym, for a care sample (consent is asked per patient)
 * @param population the population label, where known (e.g. {@code GBR})
 * @param superPopulation the super-population label, where known (e.g. {@code EUR})
 * @param assembly the reference assembly of its calls
 * @param referenceCalls whether its calls cover the sites where it carries no variant (only such samples count)
 */
public record RegisteredSample(long id, String publicId, Optional<String> sex, String dataset, Optional<Pseudonym> patient, Optional<String> population,
        Optional<String> superPopulation, Assembly assembly, boolean referenceCalls) {
    /** The dataset of the patients' care samples. */
    public static final String CLINICAL = "clinical";

    public RegisteredSample {
        requireNonNull(publicId, "publicId is null");
        requireNonNull(sex, "sex is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(population, "population is null");
        requireNonNull(superPopulation, "superPopulation is null");
        requireNonNull(assembly, "assembly is null");
    }
}
