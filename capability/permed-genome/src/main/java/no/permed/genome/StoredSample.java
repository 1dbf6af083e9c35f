package no.permed.genome;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import no.permed.kernel.Pseudonym;
import no.permed.vcf.genome.Assembly;

/**
 * A sample in the catalogue.
 *
 * @param id the catalogue's row id (stable, never reused)
 * @param sampleId the laboratory's or cohort's sample ID
 * @param patient the patient's store pseudonym, for a care sample
 * @param cohort the cohort's name, for a research sample
 * @param population the population label, where known (e.g. 1000 Genomes' {@code GBR})
 * @param superPopulation the super-population label, where known (e.g. {@code EUR})
 * @param sex {@code male} or {@code female}, where known
 * @param laboratory the submitting laboratory, for a care sample
 * @param testType what was sequenced
 * @param assembly the reference assembly
 * @param segmentId the segment that holds its genotypes
 * @param sampleIndex its index in that segment
 * @param ingestedAt when it was stored
 * @param referenceCalls whether its calls cover the sites where it carries no variant (a joint-called
 *     multi-sample file, or a gVCF's reference blocks); only such samples count in allele frequencies
 */
public record StoredSample(
        long id,
        String sampleId,
        Optional<Pseudonym> patient,
        Optional<String> cohort,
        Optional<String> population,
        Optional<String> superPopulation,
        Optional<String> sex,
        Optional<String> laboratory,
        String testType,
        Assembly assembly,
        UUID segmentId,
        int sampleIndex,
        Instant ingestedAt,
        boolean referenceCalls) {
    public StoredSample {
        requireNonNull(sampleId, "sampleId is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(cohort, "cohort is null");
        requireNonNull(population, "population is null");
        requireNonNull(superPopulation, "superPopulation is null");
        requireNonNull(sex, "sex is null");
        requireNonNull(laboratory, "laboratory is null");
        requireNonNull(testType, "testType is null");
        requireNonNull(assembly, "assembly is null");
        requireNonNull(segmentId, "segmentId is null");
        requireNonNull(ingestedAt, "ingestedAt is null");
    }

    /** A readable label that names no person: the sample ID and its laboratory or cohort. */
    public String label() {
        return sampleId + " (" + cohort.map(name -> "cohort " + name).orElseGet(() -> "laboratory " + laboratory.orElse("?")) + ")";
    }
}
