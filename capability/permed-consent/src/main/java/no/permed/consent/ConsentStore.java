package no.permed.consent;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.permed.db.Database;
import no.permed.db.Storage;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.TransactionalAuditSink;
import no.permed.spi.RequestContext;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The versioned consents of patients, in PostgreSQL schema {@code consent} (see {@code V1__consent.sql}). Giving a
 * consent makes version 1; a change or the withdrawal appends the next version; nothing is overwritten. Two given
 * consents of one patient for the same purpose and project may not overlap in time. Each write runs under a
 * per-patient advisory lock, is audited inside its transaction ({@code consent.give}, {@code consent.change},
 * {@code consent.withdraw}, with the patient as subject, through {@link TransactionalAuditSink}: the decision and its
 * entry commit together or not at all) and refreshes the {@link ConsentView} at once after the commit. Messages name
 * consent ids, never a patient. Thread-safe.
 */
public final class ConsentStore {
    /** The PostgreSQL schema this store owns. */
    public static final String SCHEMA = "consent";
    private static final String COLUMNS = "consent_id, version, patient, status, duo, mondo, project, modifiers, valid_from,"
            + " valid_to, source, incidental, reclassification, recorded_at, recorded_by";
    private static final String CURRENT = "select distinct on (consent_id) " + COLUMNS + " from consent.decision";

    private final Jdbi jdbi;
    private final Storage storage;
    private final TransactionalAuditSink audit;
    private final Clock clock;
    private final ConsentView view = new ConsentView();

    /** Opens the store on a migrated schema and loads every patient's current consents into the view. */
    public ConsentStore(Jdbi jdbi, TransactionalAuditSink audit, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.storage = new Storage(jdbi, ConsentErrorCode.STORAGE_FAILURE);
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        List<ConsentDecision> all = read("load the consents", handle -> handle.createQuery(CURRENT
                + " order by consent_id, version desc").map((row, context) -> decision(row)).list());
        Map<Pseudonym, List<ConsentDecision>> byPatient = all.stream()
                .collect(Collectors.groupingBy(ConsentDecision::patient, LinkedHashMap::new, Collectors.toList()));
        byPatient.forEach(view::replace);
    }

    /** Migrates schema {@code consent} and opens the store on it. */
    public static ConsentStore open(Database database, TransactionalAuditSink audit, Clock clock) {
        requireNonNull(database, "database is null");
        database.migrate(SCHEMA);
        return new ConsentStore(database.jdbi(), audit, clock);
    }

    /** The enforcement point, kept current by this store. */
    public ConsentView view() {
        return view;
    }

    /**
     * Gives a new consent (version 1).
     *
     * @throws PermedException {@link ConsentErrorCode#OVERLAPPING_PERIOD} when another given consent of the patient for
     *         the same purpose and project overlaps its period (nothing is stored)
     */
    public ConsentDecision give(RequestContext context, Pseudonym patient, ConsentTerms terms) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(terms, "terms is null");
        requireSource(context, patient, terms);
        Instant now = now();
        ConsentDecision stored = inTransaction("give the consent", handle -> {
            lock(handle, patient);
            refuseOverlap(handle, patient, Optional.empty(), terms);
            long id = handle.createQuery("select nextval('consent.consent_id')").mapTo(Long.class).one();
            return audited(handle, context, "consent.give",
                    insert(handle, new ConsentDecision(id, 1, patient, ConsentStatus.GIVEN, terms, now, context.principal().user())));
        });
        return committed(stored);
    }

    /**
     * Changes the terms of a given consent (the next version, audited as {@code consent.change}). The purpose, project,
     * modifiers, period and findings choices may all change; the overlap rule holds as for a new consent.
     *
     * @throws PermedException {@link ConsentErrorCode#CONSENT_NOT_FOUND} when the consent is not the patient's,
     *         {@link ConsentErrorCode#ALREADY_WITHDRAWN}, {@link ConsentErrorCode#OVERLAPPING_PERIOD},
     *         {@link ConsentErrorCode#INVALID_SOURCE}; nothing is stored then
     */
    public ConsentDecision change(RequestContext context, Pseudonym patient, long consentId, ConsentTerms terms) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(terms, "terms is null");
        requireSource(context, patient, terms);
        Instant now = now();
        ConsentDecision stored = inTransaction("change the consent", handle -> {
            lock(handle, patient);
            ConsentDecision latest = latest(handle, patient, consentId);
            refuseOverlap(handle, patient, Optional.of(consentId), terms);
            return audited(handle, context, "consent.change", insert(handle, new ConsentDecision(consentId, latest.version() + 1,
                    patient, ConsentStatus.GIVEN, terms, now, context.principal().user())));
        });
        return committed(stored);
    }

    /**
     * Records new findings choices on a given consent (the next version, same terms otherwise, audited as
     * {@code consent.change}): the patient's right to know and not to know. The source is digital when the patient acts,
     * paper when staff record it.
     */
    public ConsentDecision changeFindings(RequestContext context, Pseudonym patient, long consentId, FindingsChoices choices) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(choices, "choices is null");
        ConsentSource source = isPatient(context, patient) ? ConsentSource.DIGITAL : ConsentSource.PAPER;
        Instant now = now();
        ConsentDecision stored = inTransaction("change the findings choices", handle -> {
            lock(handle, patient);
            ConsentDecision latest = latest(handle, patient, consentId);
            return audited(handle, context, "consent.change", insert(handle, new ConsentDecision(consentId, latest.version() + 1,
                    patient, ConsentStatus.GIVEN, latest.terms().withFindings(choices).withSource(source), now,
                    context.principal().user())));
        });
        return committed(stored);
    }

    /**
     * The consent status of a project's cohort as counts, never identities ({@link ConsentView#summary}), at this
     * store's clock, audited as {@code consent.summary} (no subject; the project and the total in the details).
     *
     * @param purpose why the caller asks: research for a researcher, case handling for a case handler
     */
    public ConsentSummary summary(RequestContext context, String project, Purpose purpose) {
        requireNonNull(context, "context is null");
        requireNonNull(purpose, "purpose is null");
        ConsentSummary summary = view.summary(project, clock.instant());
        int total = summary.patients().values().stream().mapToInt(Integer::intValue).sum();
        audit.append(new AuditEvent(context, "consent.summary", Optional.empty(), purpose, AuditOutcome.PERMITTED,
                Map.of("project", project, "patients", Integer.toString(total))));
        return summary;
    }

    /** Withdraws a consent (the next version, status withdrawn, same terms): it counts nowhere from now on. */
    public ConsentDecision withdraw(RequestContext context, Pseudonym patient, long consentId) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        Instant now = now();
        ConsentDecision stored = inTransaction("withdraw the consent", handle -> {
            lock(handle, patient);
            ConsentDecision latest = latest(handle, patient, consentId);
            return audited(handle, context, "consent.withdraw", insert(handle, new ConsentDecision(consentId, latest.version() + 1,
                    patient, ConsentStatus.WITHDRAWN, latest.terms(), now, context.principal().user())));
        });
        return committed(stored);
    }

    /** Every version of every consent of the patient, oldest first. Audited as {@code consent.history}. */
    public List<ConsentDecision> history(RequestContext context, Pseudonym patient) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        List<ConsentDecision> found = read("read the consent history", handle -> handle.createQuery("select " + COLUMNS
                        + " from consent.decision where patient = :patient order by id")
                .bind("patient", patient.value()).map((row, ctx) -> decision(row)).list());
        auditEvent(context, "consent.history", patient, Map.of("versions", Integer.toString(found.size())));
        return List.copyOf(found);
    }

    // ---------------------------------------------------------------------------------------------

    /** The change's audit entry, written in its transaction: the decision and its entry commit together or not at all. */
    private ConsentDecision audited(Handle handle, RequestContext context, String action, ConsentDecision stored) {
        Pseudonym patient = stored.patient();
        audit.append(handle.getConnection(), new AuditEvent(context, action, Optional.of(patient), purposeOf(context, patient),
                AuditOutcome.PERMITTED, Map.of("consent", Long.toString(stored.consentId()),
                        "version", Integer.toString(stored.version()), "purpose", stored.terms().purpose().toString(),
                        "project", stored.terms().project().orElse("(any)"), "source", stored.terms().source().name(),
                        "status", stored.status().name())));
        return stored;
    }

    /** After the commit: the enforcement point shows the patient's consents as stored. */
    private ConsentDecision committed(ConsentDecision stored) {
        Pseudonym patient = stored.patient();
        view.replace(patient, read("refresh the consent view", handle -> current(handle, patient)));
        return stored;
    }

    /** A digital consent is the patient's own act; a paper consent is registered by someone else (staff). */
    private static void requireSource(RequestContext context, Pseudonym patient, ConsentTerms terms) {
        boolean self = isPatient(context, patient);
        if (terms.source() == ConsentSource.DIGITAL && !self) {
            throw new PermedException(ConsentErrorCode.INVALID_SOURCE, "A digital consent is given by the patient themself;"
                    + " staff register a consent on the patient's behalf as a paper consent", Map.of("field", "source"));
        }
        if (terms.source() == ConsentSource.PAPER && self) {
            throw new PermedException(ConsentErrorCode.INVALID_SOURCE, "A paper consent is registered by staff; a patient"
                    + " gives their consent digitally", Map.of("field", "source"));
        }
    }

    private static boolean isPatient(RequestContext context, Pseudonym patient) {
        return context.principal().self().filter(patient::equals).isPresent();
    }

    private static List<ConsentDecision> current(Handle handle, Pseudonym patient) {
        return handle.createQuery(CURRENT + " where patient = :patient order by consent_id, version desc")
                .bind("patient", patient.value()).map((row, context) -> decision(row)).list();
    }

    private static void lock(Handle handle, Pseudonym patient) {
        handle.createQuery("select pg_advisory_xact_lock(hashtext('consent.patient'), hashtext(:patient))::text")
                .bind("patient", patient.value()).mapTo(String.class).one();
    }

    private static ConsentDecision latest(Handle handle, Pseudonym patient, long consentId) {
        ConsentDecision latest = handle.createQuery("select " + COLUMNS + " from consent.decision where consent_id = :id"
                        + " and patient = :patient order by version desc limit 1")
                .bind("id", consentId).bind("patient", patient.value()).map((row, context) -> decision(row)).findOne()
                .orElseThrow(() -> new PermedException(ConsentErrorCode.CONSENT_NOT_FOUND, "No consent " + consentId
                        + " belongs to this patient", Map.of("consent", consentId)));
        if (latest.status() == ConsentStatus.WITHDRAWN) {
            throw new PermedException(ConsentErrorCode.ALREADY_WITHDRAWN, "Consent " + consentId + " is withdrawn; give a new consent",
                    Map.of("consent", consentId));
        }
        return latest;
    }

    private static void refuseOverlap(Handle handle, Pseudonym patient, Optional<Long> self, ConsentTerms terms) {
        for (ConsentDecision other : current(handle, patient)) {
            if (self.isPresent() && self.get() == other.consentId() || other.status() != ConsentStatus.GIVEN) {
                continue;
            }
            ConsentTerms those = other.terms();
            boolean overlaps = those.validTo().map(terms.validFrom()::isBefore).orElse(true)
                    && terms.validTo().map(those.validFrom()::isBefore).orElse(true);
            if (those.purpose().equals(terms.purpose()) && those.project().equals(terms.project()) && overlaps) {
                throw new PermedException(ConsentErrorCode.OVERLAPPING_PERIOD, "The period overlaps consent " + other.consentId()
                        + " for the same purpose (" + terms.purpose() + ") and project; change or withdraw that consent instead",
                        Map.of("consent", other.consentId(), "field", "validFrom"));
            }
        }
    }

    private static ConsentDecision insert(Handle handle, ConsentDecision decision) {
        ConsentTerms terms = decision.terms();
        handle.createUpdate("insert into consent.decision (" + COLUMNS + ") values (:consent, :version, :patient, :status, :duo,"
                        + " :mondo, :project, :modifiers, :from, :to, :source, :incidental, :reclassification, :at, :by)")
                .bind("consent", decision.consentId())
                .bind("version", decision.version())
                .bind("patient", decision.patient().value())
                .bind("status", decision.status().name())
                .bind("duo", terms.purpose().code().name())
                .bind("mondo", terms.purpose().mondo().orElse(null))
                .bind("project", terms.project().orElse(null))
                .bind("modifiers", terms.modifiers().stream().sorted().map(Enum::name).collect(Collectors.joining(",")))
                .bind("from", timestamp(terms.validFrom()))
                .bind("to", terms.validTo().map(ConsentStore::timestamp).orElse(null))
                .bind("source", terms.source().name())
                .bind("incidental", terms.findings().incidentalFindings())
                .bind("reclassification", terms.findings().reclassificationNotices())
                .bind("at", timestamp(decision.recordedAt()))
                .bind("by", decision.recordedBy().value())
                .execute();
        return decision;
    }

    private static ConsentDecision decision(ResultSet row) throws SQLException {
        String modifiers = row.getString("modifiers");
        Set<DuoCode> parsed = modifiers.isEmpty() ? Set.of()
                : EnumSet.copyOf(Arrays.stream(modifiers.split(",")).map(DuoCode::valueOf).toList());
        ConsentTerms terms = new ConsentTerms(
                new ConsentPurpose(DuoCode.valueOf(row.getString("duo")), Optional.ofNullable(row.getString("mondo"))),
                Optional.ofNullable(row.getString("project")), parsed, instant(row, "valid_from"),
                Optional.ofNullable(row.getObject("valid_to", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                ConsentSource.valueOf(row.getString("source")),
                new FindingsChoices(row.getBoolean("incidental"), row.getBoolean("reclassification")));
        return new ConsentDecision(row.getLong("consent_id"), row.getInt("version"), Pseudonym.of(row.getString("patient")),
                ConsentStatus.valueOf(row.getString("status")), terms, instant(row, "recorded_at"), UserId.of(row.getString("recorded_by")));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Object timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void auditEvent(RequestContext context, String action, Pseudonym patient, Map<String, String> details) {
        audit.append(new AuditEvent(context, action, Optional.of(patient), purposeOf(context, patient), AuditOutcome.PERMITTED, details));
    }

    private static Purpose purposeOf(RequestContext context, Pseudonym patient) {
        return context.principal().self().filter(patient::equals).isPresent() ? Purpose.SELF_SERVICE : Purpose.CASE_HANDLING;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private <T> T read(String what, HandleCallback<T, RuntimeException> callback) {
        return storage.read(what, callback);
    }

    private <T> T inTransaction(String what, HandleCallback<T, RuntimeException> callback) {
        return storage.inTransaction(what, callback);
    }
}
