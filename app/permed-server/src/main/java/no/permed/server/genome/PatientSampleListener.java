package no.permed.server.genome;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.permed.kernel.Pseudonym;
import no.permed.spi.RequestContext;

/**
 * What else happens when a laboratory submits a patient's sample, wired by the application (for example the
 * pharmacogenomic profile, which another capability keeps). The genome routes know nothing of it beyond this.
 */
public interface PatientSampleListener {
    /** Does nothing. */
    PatientSampleListener NONE = new PatientSampleListener() {
        @Override
        public void check(Optional<Attachment> outsideCalls) {
            outsideCalls.ifPresent(file -> {
                throw new IllegalStateException("outside calls are not accepted: no listener takes them");
            });
        }

        @Override
        public List<String> ingested(RequestContext context, Submission submission) {
            return List.of();
        }
    };

    /**
     * Checks the submission's extra input before anything is stored.
     *
     * @param outsideCalls a file of calls made elsewhere (e.g. CYP2D6), when the laboratory attached one
     * @throws no.permed.kernel.PermedException naming file, line and field when the input is bad
     */
    void check(Optional<Attachment> outsideCalls);

    /** An attached file: where it was saved, and the name it was uploaded under (for messages). */
    record Attachment(Path path, String name) {
        public Attachment {
            java.util.Objects.requireNonNull(path, "path is null");
            java.util.Objects.requireNonNull(name, "name is null");
        }
    }

    /**
     * Called after the sample is committed to the genome store. Problems of the listener's own do not undo the
     * submission: they come back as notes.
     *
     * @return notes for the submitting laboratory (e.g. "pharmacogenomic profile version 1 recorded")
     */
    List<String> ingested(RequestContext context, Submission submission);

    /**
     * A committed patient sample.
     *
     * @param files the submitted files (still present while the listener runs)
     * @param displayNames their names as uploaded
     */
    record Submission(Pseudonym patient, String sampleId, List<Path> files, List<String> displayNames, String laboratory,
            String testType, String assembly, Optional<Attachment> outsideCalls) {
        public Submission {
            files = List.copyOf(files);
            displayNames = List.copyOf(displayNames);
        }
    }
}
