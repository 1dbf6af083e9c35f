package no.permed.app;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.call.PgxErrorCode;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.profile.PgxProfile;
import no.permed.pgx.profile.PgxProfileStore;
import no.permed.pgx.profile.ProfileSource;
import no.permed.server.genome.PatientSampleListener;
import no.permed.spi.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pharmacogenomic profile of every patient sample the genome store takes: after the sample is committed,
 * the star-allele caller reads the same file once and the calls (with any outside calls the laboratory attached)
 * become the patient's next profile version. Samples that are not on GRCh38, or that came in several files, get a
 * note instead of a profile. Used by {@code POST /api/samples} and {@code permed ingest --patient}.
 */
public final class PgxProfiling implements PatientSampleListener {
    private static final Logger LOG = LoggerFactory.getLogger(PgxProfiling.class);

    private final PgxKnowledge knowledge;
    private final PgxCaller caller;
    private final PgxProfileStore profiles;

    public PgxProfiling(PgxKnowledge knowledge, PgxCaller caller, PgxProfileStore profiles) {
        this.knowledge = requireNonNull(knowledge, "knowledge is null");
        this.caller = requireNonNull(caller, "caller is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
    }

    public PgxProfileStore profiles() {
        return profiles;
    }

    @Override
    public void check(Optional<Attachment> outsideCalls) {
        outsideCalls.ifPresent(file -> OutsideCalls.parse(file.path(), file.name(), knowledge));
    }

    @Override
    public List<String> ingested(RequestContext context, Submission submission) {
        if (submission.files().size() != 1) {
            return List.of("no pharmacogenomic profile: the sample came in " + submission.files().size()
                    + " files, and the PGx caller reads one file per sample; submit the PGx regions as one file to get a profile");
        }
        if (!submission.assembly().equals("GRCh38")) {
            return List.of("no pharmacogenomic profile: the sample is on " + submission.assembly()
                    + ", and the PGx allele definitions are GRCh38");
        }
        try {
            OutsideCalls outside = submission.outsideCalls().map(file -> OutsideCalls.parse(file.path(), file.name(), knowledge))
                    .orElse(OutsideCalls.none());
            CallResult calls = caller.call(submission.files().get(0), Optional.of(submission.sampleId()));
            // audited by the store (pgx.profile.record, subject the patient) before it is written
            PgxProfile profile = profiles.record(context, submission.patient(), submission.sampleId(), calls, outside,
                    // the uploaded file's name is not kept: laboratories sometimes name files after the patient
                    new ProfileSource(Optional.empty(), Optional.of(submission.laboratory()), Optional.of(submission.testType())));
            return List.of("pharmacogenomic profile version " + profile.version() + " recorded (" + calls.genes().size()
                    + " genes called" + (outside.calls().isEmpty() ? "" : ", " + outside.calls().size() + " outside calls") + ")");
        } catch (PermedException failure) {
            if (failure.errorCode() == PgxErrorCode.ASSEMBLY_NOT_GRCH38) {
                return List.of("no pharmacogenomic profile: the file is not on GRCh38");
            }
            // the sample itself is committed: a failure here must not fail the submission. The message is not passed on
            // or logged: the caller's messages quote sample columns and file names, which may name the patient
            LOG.warn("The pharmacogenomic profile of a submitted sample was not recorded: {}", failure.errorCode().code());
            return List.of("no pharmacogenomic profile (" + failure.errorCode().code() + "); the sample itself is stored");
        } catch (RuntimeException failure) {
            LOG.warn("The pharmacogenomic profile of a submitted sample was not recorded: {}", failure.getClass().getName());
            return List.of("no pharmacogenomic profile (an internal error, see the server log); the sample is stored");
        }
    }
}
