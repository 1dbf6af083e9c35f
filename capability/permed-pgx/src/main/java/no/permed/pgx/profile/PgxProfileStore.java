package no.permed.pgx.profile;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.profile.internal.ProfileJson;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.RequestContext;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patients' lifelong pharmacogenomic profiles, in PostgreSQL schema {@code pgx} (see {@code V1__pgx_profile.sql}).
 *
 * <p>A profile version holds the calls of one sample as they were made; versions are append-only. Recommendations are
 * derived from the calls when asked ({@link ProfileInterpreter}), so a new knowledge release re-interprets every
 * stored result: {@link #reinterpretAll} interprets each patient's latest profile whose last interpretation used
 * another knowledge version, compares the recommendations with that interpretation's stored summary and records a
 * {@link Reinterpretation} when one changed. The patient's clinicians see it until they acknowledge it.
 *
 * <pre>{@code
 * PgxProfileStore profiles = PgxProfileStore.open(database, knowledge.dataVersion().summary(), Clock.systemUTC(), security.auditLog());
 * profiles.reinterpretAll(PgxInterpreter.create(knowledge), knowledge.dataVersion().summary());   // at start-up
 * }</pre>
 *
 * <p>Every profile written is audited ({@value #RECORD}, subject the patient) before it is stored; if the audit entry cannot
 * be written nothing is stored, and a write that fails after its entry is audited again as FAILED. Reads are not
 * audited here: the caller authorises and audits them, because only it knows who asks and why.
 *
 * <p>Thread-safe. Messages name profile versions and fields, never a pseudonym, sample id or genotype.
 */
public final class PgxProfileStore {
    /** The PostgreSQL schema this store owns. */
    public static final String SCHEMA = "pgx";
    private static final Logger LOG = LoggerFactory.getLogger(PgxProfileStore.class);
    private static final String PROFILE_COLUMNS = "p.id, p.patient, p.version, p.sample_id, p.calls::text as calls, p.data_version,"
            + " p.source_file, p.laboratory, p.test_type, p.created_at, p.created_by";

    /** The audit action of a profile write. */
    public static final String RECORD = "pgx.profile.record";

    private final Jdbi jdbi;
    private final String dataVersion;
    private final Clock clock;
    private final AuditSink audit;

    /**
     * @param dataVersion the PGx knowledge version the calls recorded through this store are made with
     *     ({@code PgxKnowledge.dataVersion().summary()})
     * @param audit where every profile write is recorded ({@code security.auditLog()})
     */
    public PgxProfileStore(Jdbi jdbi, String dataVersion, Clock clock, AuditSink audit) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.dataVersion = requireText(dataVersion, "dataVersion");
        this.clock = requireNonNull(clock, "clock is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** Migrates schema {@code pgx} and opens the store on it; profile writes are audited in {@code audit}. */
    public static PgxProfileStore open(Database database, String dataVersion, Clock clock, AuditSink audit) {
        requireNonNull(database, "database is null");
        requireNonNull(audit, "audit is null");
        database.migrate(SCHEMA);
        return new PgxProfileStore(database.jdbi(), dataVersion, clock, audit);
    }


    /**
     * Records the calls of a sample as the patient's next profile version.
     *
     * @param calls the caller's result for the sample (its sample name is the VCF's column, which may differ from {@code sampleId})
     * @param outside the outside calls that came with the sample ({@link OutsideCalls#none()} when none)
     * @param context who records it (the laboratory user, or the operator of an ingest); audited as {@value #RECORD}
     *     with purpose laboratory (quality assurance for a caller without the lab role, e.g. the command line)
     * @return the new version
     * @throws PermedException PGX_INVALID_PROFILE for bad input (nothing audited, nothing stored), or the audit log's
     *     error when the audit entry cannot be written (nothing stored)
     */
    public PgxProfile record(RequestContext context, Pseudonym patient, String sampleId, CallResult calls, OutsideCalls outside,
            ProfileSource source) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(calls, "calls is null");
        requireNonNull(outside, "outside is null");
        requireNonNull(source, "source is null");
        UserId actor = context.principal().user();
        if (sampleId == null || sampleId.isBlank() || sampleId.length() > 200) {
            throw new PermedException(ProfileErrorCode.INVALID_PROFILE, "the sample id of a profile must be 1-200 characters",
                    Map.of("field", "sampleId"));
        }
        if (calls.genes().isEmpty() && outside.calls().isEmpty()) {
            // the sample id is the laboratory's and may carry a name: the message does not quote it
            throw new PermedException(ProfileErrorCode.INVALID_PROFILE, "the sample has neither calls nor outside calls,"
                    + " so there is no profile to record", Map.of("field", "calls"));
        }
        String json = ProfileJson.writeCalls(calls, outside.calls());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Purpose purpose = context.principal().hasRole(no.permed.kernel.Role.LAB) ? Purpose.LABORATORY : Purpose.QUALITY_ASSURANCE;
        Map<String, String> details = Map.of("genes", Integer.toString(calls.genes().size()),
                "outsideCalls", Integer.toString(outside.calls().size()), "dataVersion", shorten(dataVersion));
        // audited before the write: an access whose audit entry cannot be written does not happen
        audit.append(new AuditEvent(context, RECORD, Optional.of(patient), purpose, AuditOutcome.PERMITTED, details));
        try {
            return write(patient, sampleId, json, outside, calls, source, actor, now);
        } catch (RuntimeException failure) {
            try {
                audit.append(new AuditEvent(context, RECORD, Optional.of(patient), purpose, AuditOutcome.FAILED,
                        Map.of("error", failure instanceof PermedException permed ? permed.errorCode().code()
                                : failure.getClass().getSimpleName())));
            } catch (RuntimeException auditFailure) {
                failure.addSuppressed(auditFailure);
            }
            throw failure;
        }
    }

    private PgxProfile write(Pseudonym patient, String sampleId, String json, OutsideCalls outside, CallResult calls, ProfileSource source,
            UserId actor, Instant now) {
        return inTransaction("record", handle -> {
            // one writer per patient at a time, so that versions are gap-free and never taken twice
            handle.createQuery("select pg_advisory_xact_lock(hashtext('pgx.profile'), hashtext(:patient))")
                    .bind("patient", patient.value()).mapTo(String.class).one();
            int version = handle.createQuery("select coalesce(max(version), 0) + 1 from pgx.profile where patient = :patient")
                    .bind("patient", patient.value()).mapTo(Integer.class).one();
            handle.createUpdate("insert into pgx.profile (patient, version, sample_id, calls, data_version, source_file, laboratory,"
                            + " test_type, created_at, created_by) values (:patient, :version, :sample, cast(:calls as jsonb), :dataVersion,"
                            + " :file, :laboratory, :testType, :now, :actor)")
                    .bind("patient", patient.value())
                    .bind("version", version)
                    .bind("sample", sampleId)
                    .bind("calls", json)
                    .bind("dataVersion", dataVersion)
                    .bind("file", source.fileName().orElse(null))
                    .bind("laboratory", source.laboratory().orElse(null))
                    .bind("testType", source.testType().orElse(null))
                    .bind("now", timestamp(now))
                    .bind("actor", actor.value())
                    .execute();
            return new PgxProfile(patient, version, sampleId, calls, outside.calls(), dataVersion, source, now, actor);
        });
    }

    /** The patient's latest profile version. */
    public Optional<PgxProfile> latest(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        return read("read", handle -> handle.createQuery("select " + PROFILE_COLUMNS + " from pgx.profile p where p.patient = :patient"
                        + " order by p.version desc limit 1")
                .bind("patient", patient.value())
                .map((row, context) -> profile(row))
                .findOne());
    }

    /** Every profile version of the patient, oldest first. */
    public List<PgxProfile> versions(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        return read("read", handle -> handle.createQuery("select " + PROFILE_COLUMNS + " from pgx.profile p where p.patient = :patient"
                        + " order by p.version")
                .bind("patient", patient.value())
                .map((row, context) -> profile(row))
                .list());
    }

    /** See {@link #reinterpretAll(ProfileInterpreter, String)}. */
    public ReinterpretationRun reinterpretAll(PgxInterpreter current, String dataVersion) {
        return reinterpretAll(ProfileInterpreter.of(current), dataVersion);
    }

    /**
     * Interprets each patient's latest profile whose last interpretation used a knowledge version other than
     * {@code dataVersion} (or that was never interpreted), stores the summary of the new interpretation, and records a
     * re-interpretation when a recommendation differs from the last stored summary. Idempotent: a second run with the
     * same version does nothing. A profile whose interpretation fails is logged (by row id) and left for the next run.
     *
     * @param dataVersion the version of the knowledge {@code current} uses; every report must name it
     */
    public ReinterpretationRun reinterpretAll(ProfileInterpreter current, String dataVersion) {
        requireNonNull(current, "current is null");
        requireText(dataVersion, "dataVersion");
        List<Long> due = read("read", handle -> handle.createQuery("select p.id from pgx.profile p"
                        + " where p.version = (select max(q.version) from pgx.profile q where q.patient = p.patient)"
                        + " and coalesce((select i.data_version from pgx.interpretation i where i.profile = p.id order by i.id desc limit 1),"
                        + " '') <> :version order by p.id")
                .bind("version", dataVersion)
                .mapTo(Long.class)
                .list());
        int interpreted = 0;
        int first = 0;
        int failed = 0;
        List<Reinterpretation> recorded = new ArrayList<>();
        for (long profileId : due) {
            Outcome outcome;
            try {
                outcome = reinterpret(profileId, current, dataVersion);
            } catch (RuntimeException e) {
                // one profile the new knowledge cannot interpret (an outside-call allele it no longer knows, …) must not stop
                // the others; the message may quote alleles, so the log names only the row and the error
                failed++;
                LOG.warn("Could not re-interpret PGx profile row {} with the current knowledge ({}); it is retried on the next run",
                        profileId, e instanceof PermedException permed ? permed.errorCode().code() : e.getClass().getSimpleName());
                continue;
            }
            if (outcome.interpreted()) {
                interpreted++;
            }
            if (outcome.first()) {
                first++;
            }
            outcome.reinterpretation().ifPresent(recorded::add);
        }
        if (interpreted > 0 || failed > 0) {
            LOG.info("PGx profiles re-interpreted with {}: {} interpreted ({} for the first time), {} with changed recommendations,"
                    + " {} failed", dataVersion, interpreted, first, recorded.size(), failed);
        }
        return new ReinterpretationRun(dataVersion, interpreted, first, failed, recorded);
    }

    private record Outcome(boolean interpreted, boolean first, Optional<Reinterpretation> reinterpretation) {
    }

    private Outcome reinterpret(long profileId, ProfileInterpreter current, String dataVersion) {
        // read and interpret outside the transaction: interpretation may take a while and needs no lock
        PgxProfile profile = read("read", handle -> handle.createQuery("select " + PROFILE_COLUMNS + " from pgx.profile p where p.id = :id")
                .bind("id", profileId).map((row, context) -> profile(row)).one());
        PgxReport report = current.interpret(profile.calls(), profile.outside());
        if (!report.dataVersion().equals(dataVersion)) {
            throw new IllegalStateException("the interpreter used knowledge '" + report.dataVersion() + "', but re-interpretation"
                    + " was asked for '" + dataVersion + "'");
        }
        List<RecommendationSummary> summary = RecommendationSummary.of(report);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return inTransaction("write", handle -> {
            handle.createQuery("select id from pgx.profile where id = :id for update").bind("id", profileId).mapTo(Long.class).one();
            Optional<Map.Entry<String, String>> last = handle.createQuery("select data_version, summary::text as summary"
                            + " from pgx.interpretation where profile = :id order by id desc limit 1")
                    .bind("id", profileId)
                    .map((row, context) -> Map.entry(row.getString("data_version"), row.getString("summary")))
                    .findOne();
            if (last.isPresent() && last.get().getKey().equals(dataVersion)) {
                return new Outcome(false, false, Optional.empty());   // another run got here first
            }
            handle.createUpdate("insert into pgx.interpretation (profile, data_version, summary, created_at)"
                            + " values (:id, :version, cast(:summary as jsonb), :now)")
                    .bind("id", profileId)
                    .bind("version", dataVersion)
                    .bind("summary", ProfileJson.writeSummaries(summary))
                    .bind("now", timestamp(now))
                    .execute();
            if (last.isEmpty()) {
                return new Outcome(true, true, Optional.empty());
            }
            List<RecommendationSummary> before = ProfileJson.readSummaries(last.get().getValue(), "the last interpretation of profile row "
                    + profileId);
            List<RecommendationChange> changes = RecommendationChange.between(before, summary);
            if (changes.isEmpty()) {
                return new Outcome(true, false, Optional.empty());
            }
            long id = handle.createQuery("insert into pgx.reinterpretation (patient, profile, profile_version, old_data_version,"
                            + " new_data_version, changes, created_at) values (:patient, :id, :version, :old, :new, cast(:changes as jsonb), :now)"
                            + " returning id")
                    .bind("patient", profile.patient().value())
                    .bind("id", profileId)
                    .bind("version", profile.version())
                    .bind("old", last.get().getKey())
                    .bind("new", dataVersion)
                    .bind("changes", ProfileJson.writeChanges(changes))
                    .bind("now", timestamp(now))
                    .mapTo(Long.class)
                    .one();
            return new Outcome(true, false, Optional.of(new Reinterpretation(id, profile.patient(), profile.version(), last.get().getKey(),
                    dataVersion, changes, now, Set.of())));
        });
    }

    /** The patient's re-interpretations, oldest first, with who has acknowledged each. */
    public List<Reinterpretation> reinterpretations(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        return read("read", handle -> {
            Map<Long, Set<UserId>> acknowledged = new HashMap<>();
            handle.createQuery("select a.reinterpretation, a.clinician from pgx.reinterpretation_acknowledgement a"
                            + " join pgx.reinterpretation r on r.id = a.reinterpretation where r.patient = :patient")
                    .bind("patient", patient.value())
                    .map((row, context) -> Map.entry(row.getLong("reinterpretation"), UserId.of(row.getString("clinician"))))
                    .forEach(entry -> acknowledged.computeIfAbsent(entry.getKey(), key -> new HashSet<>()).add(entry.getValue()));
            return handle.createQuery("select id, profile_version, old_data_version, new_data_version, changes::text as changes, created_at"
                            + " from pgx.reinterpretation where patient = :patient order by id")
                    .bind("patient", patient.value())
                    .map((row, context) -> new Reinterpretation(row.getLong("id"), patient, row.getInt("profile_version"),
                            row.getString("old_data_version"), row.getString("new_data_version"),
                            ProfileJson.readChanges(row.getString("changes"), "re-interpretation " + row.getLong("id")),
                            instant(row, "created_at"), acknowledged.getOrDefault(row.getLong("id"), Set.of())))
                    .list();
        });
    }

    /** The patient's re-interpretations the clinician has not acknowledged, oldest first. */
    public List<Reinterpretation> pendingFor(Pseudonym patient, UserId clinician) {
        requireNonNull(clinician, "clinician is null");
        return reinterpretations(patient).stream().filter(reinterpretation -> !reinterpretation.acknowledgedBy(clinician)).toList();
    }

    /**
     * Records that the clinician has seen the re-interpretation; acknowledging twice is harmless.
     *
     * @throws PermedException REINTERPRETATION_NOT_FOUND when the patient has no re-interpretation with this id
     */
    public void acknowledge(Pseudonym patient, long reinterpretationId, UserId clinician) {
        requireNonNull(patient, "patient is null");
        requireNonNull(clinician, "clinician is null");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        inTransaction("write", handle -> {
            boolean known = handle.createQuery("select count(*) from pgx.reinterpretation where id = :id and patient = :patient")
                    .bind("id", reinterpretationId).bind("patient", patient.value()).mapTo(Integer.class).one() == 1;
            if (!known) {
                throw new PermedException(ProfileErrorCode.REINTERPRETATION_NOT_FOUND,
                        "the patient has no re-interpretation " + reinterpretationId, Map.of("id", reinterpretationId));
            }
            handle.createUpdate("insert into pgx.reinterpretation_acknowledgement (reinterpretation, clinician, acknowledged_at)"
                            + " values (:id, :clinician, :now) on conflict do nothing")
                    .bind("id", reinterpretationId).bind("clinician", clinician.value()).bind("now", timestamp(now)).execute();
            return null;
        });
    }

    /** The knowledge version of the calls recorded through this store. */
    public String dataVersion() {
        return dataVersion;
    }

    // ---------------------------------------------------------------------------------------------

    private static PgxProfile profile(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        int version = row.getInt("version");
        ProfileJson.StoredCalls stored = ProfileJson.readCalls(row.getString("calls"), "profile row " + id + " (version " + version + ")");
        return new PgxProfile(Pseudonym.of(row.getString("patient")), version, row.getString("sample_id"), stored.calls(),
                stored.outsideCalls(), row.getString("data_version"),
                new ProfileSource(Optional.ofNullable(row.getString("source_file")), Optional.ofNullable(row.getString("laboratory")),
                        Optional.ofNullable(row.getString("test_type"))),
                instant(row, "created_at"), UserId.of(row.getString("created_by")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Object timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private <T> T read(String what, org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw unavailable(what, e);
        }
    }

    private <T> T inTransaction(String what, org.jdbi.v3.core.HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (JdbiException e) {
            throw unavailable(what, e);
        }
    }

    private static PermedException unavailable(String what, JdbiException e) {
        return new PermedException(ProfileErrorCode.PROFILE_STORAGE_FAILURE, "cannot " + what + " the PGx profiles in the database"
                + " (see the server log)", Map.of(), e);
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
