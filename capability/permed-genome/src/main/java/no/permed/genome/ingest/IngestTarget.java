package no.permed.genome.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** Whose genotypes an ingest stores: one patient's sample, or a research cohort's samples. */
public sealed interface IngestTarget {

    /**
     * One patient's sample, for care.
     *
     * @param nationalId the patient's national identity number as given (checked by the ingest, never logged)
     * @param sampleId the laboratory's sample ID, which must be the file's one sample column (a check that the
     *     right file was sent)
     * @param laboratory the submitting laboratory's organisation ID, which scopes the sample ID
     */
    record Patient(String nationalId, String sampleId, String laboratory) implements IngestTarget {
        public Patient {
            requireNonNull(nationalId, "nationalId is null");
            requireNonNull(sampleId, "sampleId is null");
            requireNonNull(laboratory, "laboratory is null");
        }

        @Override
        public String toString() {
            return "Patient[sampleId=" + sampleId + ", laboratory=" + laboratory + "]";
        }
    }

    /**
     * All samples of a multi-sample file, for a named research cohort.
     *
     * @param name the cohort's name, which scopes its sample IDs
     * @param sampleMap a TSV with a header naming at least the sample column ({@code sample},
     *     {@code Individual ID} or {@code IID}) and optionally {@code id}, {@code population}
     *     ({@code pop}), {@code super_population} ({@code super_pop}) and {@code sex} ({@code gender}:
     *     1/2 or male/female); the 1000 Genomes panel and PED files work as they are
     */
    record Cohort(String name, Optional<Path> sampleMap) implements IngestTarget {
        public Cohort {
            requireNonNull(name, "name is null");
            requireNonNull(sampleMap, "sampleMap is null");
        }
    }
}
