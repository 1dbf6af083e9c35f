package no.permed.security.care;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityConfig;
import no.permed.security.SecurityErrorCode;
import no.permed.security.audit.AuditLog;
import no.permed.security.internal.SqlValues;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.CareRelationships;
import no.permed.spi.LaboratoryLinks;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Care relationships (clinician ↔ patient) and laboratory links (laboratory organisation ↔
 * patient), in {@code security.care_relationship} and {@code security.laboratory_link}. Every
 * change is written together with its audit entry in one transaction.
 *
 * <p>Who may record what (denials are audited):
 * <ul>
 *   <li>{@code BREAK_THE_GLASS}: a clinician, for themself only, with a valid reason; lasts at most
 *       the configured break-the-glass hours.
 *   <li>{@code LAB_SUBMISSION}: a laboratory user, naming the responsible clinician.
 *   <li>{@code EHR}: a security officer (the operator's EHR integration account).
 *   <li>Laboratory link: a laboratory user, for their own organisation.
 *   <li>Ending a relationship: the clinician themself or a security officer.
 * </ul>
 */
public final class CareRelationshipStore implements CareRelationships, LaboratoryLinks {
    private static final String RELATIONSHIP_COLUMNS =
            "id, patient, clinician, source, reason, valid_from, valid_until, ended_at, recorded_by";

    private final Jdbi jdbi;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Duration careRelationshipValidity;
    private final Duration breakTheGlassValidity;

    public CareRelationshipStore(
            Jdbi jdbi, AuditLog auditLog, Clock clock, Duration careRelationshipValidity, Duration breakTheGlassValidity) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.auditLog = requireNonNull(auditLog, "auditLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.careRelationshipValidity = requireNonNull(careRelationshipValidity, "careRelationshipValidity is null");
        this.breakTheGlassValidity = requireNonNull(breakTheGlassValidity, "breakTheGlassValidity is null");
        if (careRelationshipValidity.isNegative() || careRelationshipValidity.isZero()
                || breakTheGlassValidity.isNegative() || breakTheGlassValidity.isZero()) {
            throw new IllegalArgumentException("validity durations must be positive");
        }
    }

    /**
     * Records a relationship (audited) and returns its id.
     *
     * @throws PermedException INVALID_REASON or INVALID_CARE_RELATIONSHIP for bad input (nothing is
     *     recorded); ACCESS_DENIED (audited) when the caller may not record this relationship
     */
    @Override
    public long record(
            RequestContext context,
            Pseudonym patient,
            UserId clinician,
            Source source,
            Optional<String> reason,
            Optional<Instant> validUntil) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(clinician, "clinician is null");
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(validUntil, "validUntil is null");
        Instant now = SqlValues.toDatabasePrecision(clock.instant());
        Optional<String> checkedReason = switch (source) {
            case BREAK_THE_GLASS -> Optional.of(Reasons.requireValid(reason.orElse(null)));
            case LAB_SUBMISSION, EHR -> reason.map(Reasons::requireValid);
        };
        Duration longest = switch (source) {
            case BREAK_THE_GLASS -> breakTheGlassValidity;
            case LAB_SUBMISSION, EHR -> Duration.ofDays(SecurityConfig.MAXIMUM_CARE_RELATIONSHIP_DAYS);
        };
        Duration standard = switch (source) {
            case BREAK_THE_GLASS -> breakTheGlassValidity;
            case LAB_SUBMISSION, EHR -> careRelationshipValidity;
        };
        Instant until = SqlValues.toDatabasePrecision(validUntil.orElse(now.plus(standard)));
        if (!until.isAfter(now)) {
            throw invalidRelationship("a care relationship must end after it begins; validUntil is not in the future");
        }
        if (until.isAfter(now.plus(longest))) {
            throw invalidRelationship(switch (source) {
                case BREAK_THE_GLASS -> "break-the-glass access lasts at most " + breakTheGlassValidity.toHours()
                        + " hours (security.break-the-glass-hours); declare it again if it is still needed";
                case LAB_SUBMISSION, EHR -> "a care relationship lasts at most "
                        + SecurityConfig.MAXIMUM_CARE_RELATIONSHIP_DAYS + " days";
            });
        }

        String action = switch (source) {
            case BREAK_THE_GLASS -> "care-relationship.break-the-glass";
            case LAB_SUBMISSION, EHR -> "care-relationship.record";
        };
        Purpose purpose = purposeOf(source);
        Principal principal = context.principal();
        Optional<String> refusal = refusalToRecord(principal, clinician, source);
        requireAuthenticated(context, action, patient, purpose);
        if (refusal.isPresent()) {
            throw deny(context, action, patient, purpose, refusal.get());
        }

        try {
            return jdbi.inTransaction(handle -> {
                long id = handle.createQuery("INSERT INTO security.care_relationship (patient, clinician, source, reason,"
                                + " valid_from, valid_until, recorded_by, request_id) VALUES (:patient, :clinician, :source,"
                                + " :reason, :from, :until, :recordedBy, :requestId) RETURNING id")
                        .bind("patient", patient.value())
                        .bind("clinician", clinician.value())
                        .bind("source", source.name())
                        .bind("reason", checkedReason.orElse(null))
                        .bind("from", SqlValues.timestamp(now))
                        .bind("until", SqlValues.timestamp(until))
                        .bind("recordedBy", principal.user().value())
                        .bind("requestId", context.requestId())
                        .mapTo(Long.class)
                        .one();
                Map<String, String> details = new LinkedHashMap<>();
                details.put("careRelationshipId", Long.toString(id));
                details.put("source", source.name());
                details.put("clinician", clinician.value());
                details.put("validUntil", until.toString());
                checkedReason.ifPresent(text -> details.put(AuditLog.REASON_DETAIL, text));
                auditLog.append(handle, new AuditEvent(context, action, Optional.of(patient), purpose, AuditOutcome.PERMITTED, details));
                return id;
            });
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /**
     * Declares break-the-glass access of the calling clinician to the patient (audited, shown to the
     * patient) for the configured number of hours, and returns the relationship's id.
     */
    public long declareBreakTheGlass(RequestContext context, Pseudonym patient, String reason) {
        requireNonNull(context, "context is null");
        return record(context, patient, context.principal().user(), Source.BREAK_THE_GLASS, Optional.ofNullable(reason),
                Optional.empty());
    }

    /** Whether the clinician has a relationship of any source with the patient that is valid now. */
    @Override
    public boolean isActive(Pseudonym patient, UserId clinician, Instant now) {
        return activeRelationship(patient, clinician, EnumSet.allOf(Source.class), now).isPresent();
    }

    /** The active relationship of one of these sources that lasts longest, if any. */
    public Optional<CareRelationship> activeRelationship(Pseudonym patient, UserId clinician, Set<Source> sources, Instant now) {
        requireNonNull(patient, "patient is null");
        requireNonNull(clinician, "clinician is null");
        requireNonNull(sources, "sources is null");
        requireNonNull(now, "now is null");
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = sources.stream().map(Source::name).sorted().toList();
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT " + RELATIONSHIP_COLUMNS
                            + " FROM security.care_relationship WHERE patient = :patient AND clinician = :clinician"
                            + " AND source = ANY(:sources) AND valid_from <= :now AND valid_until > :now"
                            + " AND (ended_at IS NULL OR ended_at > :now) ORDER BY valid_until DESC, id DESC LIMIT 1")
                    .bind("patient", patient.value())
                    .bind("clinician", clinician.value())
                    .bind("sources", SqlValues.textArray(names))
                    .bind("now", SqlValues.timestamp(now))
                    .map((row, context) -> relationship(row))
                    .findOne());
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /**
     * Every relationship of the patient, also lapsed and ended ones, newest first. The caller must
     * have authorised the access to the patient's data.
     */
    public List<CareRelationship> relationshipsOf(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT " + RELATIONSHIP_COLUMNS
                            + " FROM security.care_relationship WHERE patient = :patient ORDER BY valid_from DESC, id DESC")
                    .bind("patient", patient.value())
                    .map((row, context) -> relationship(row))
                    .list());
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /**
     * Ends a relationship now (audited). Ending one that has already ended or lapsed changes nothing.
     *
     * @return the relationship as it is after this call
     * @throws PermedException CARE_RELATIONSHIP_NOT_FOUND; ACCESS_DENIED (audited) unless the caller is
     *     the clinician of the relationship or a security officer
     */
    public CareRelationship end(RequestContext context, long relationshipId) {
        requireNonNull(context, "context is null");
        CareRelationship relationship = find(relationshipId).orElseThrow(() -> new PermedException(
                SecurityErrorCode.CARE_RELATIONSHIP_NOT_FOUND,
                "there is no care relationship " + relationshipId + "; list the patient's relationships to find its id",
                Map.of("careRelationshipId", relationshipId)));
        Principal principal = context.principal();
        Purpose purpose = purposeOf(relationship.source());
        requireAuthenticated(context, "care-relationship.end", relationship.patient(), purpose);
        boolean allowed = principal.user().equals(relationship.clinician()) || principal.hasRole(Role.SECURITY_OFFICER);
        if (!allowed) {
            throw deny(context, "care-relationship.end", relationship.patient(), purpose,
                    "only the clinician of a care relationship or a security officer may end it");
        }
        Instant now = SqlValues.toDatabasePrecision(clock.instant());
        if (!relationship.isActiveAt(now)) {
            return relationship;
        }
        try {
            return jdbi.inTransaction(handle -> {
                handle.createUpdate("UPDATE security.care_relationship SET ended_at = :now, ended_by = :endedBy"
                                + " WHERE id = :id AND ended_at IS NULL")
                        .bind("now", SqlValues.timestamp(now))
                        .bind("endedBy", principal.user().value())
                        .bind("id", relationshipId)
                        .execute();
                auditLog.append(handle, new AuditEvent(context, "care-relationship.end", Optional.of(relationship.patient()),
                        purpose, AuditOutcome.PERMITTED,
                        Map.of("careRelationshipId", Long.toString(relationshipId), "clinician", relationship.clinician().value())));
                return find(handle, relationshipId).orElseThrow();
            });
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /** The relationship with this id. */
    public Optional<CareRelationship> find(long relationshipId) {
        try {
            return jdbi.withHandle(handle -> find(handle, relationshipId));
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    private static Optional<CareRelationship> find(Handle handle, long relationshipId) {
        return handle.createQuery("SELECT " + RELATIONSHIP_COLUMNS + " FROM security.care_relationship WHERE id = :id")
                .bind("id", relationshipId)
                .map((row, context) -> relationship(row))
                .findOne();
    }

    /**
     * Records (audited) that the calling laboratory submitted a sample of the patient; the link lasts
     * for the configured care-relationship duration from now.
     *
     * @throws PermedException ACCESS_DENIED (audited) unless the caller is a laboratory user whose
     *     token names that organisation
     */
    @Override
    public long recordLaboratoryLink(RequestContext context, Pseudonym patient, OrganisationId laboratory) {
        requireNonNull(context, "context is null");
        requireNonNull(patient, "patient is null");
        requireNonNull(laboratory, "laboratory is null");
        String action = "laboratory-link.record";
        requireAuthenticated(context, action, patient, Purpose.LABORATORY);
        Principal principal = context.principal();
        if (!principal.hasRole(Role.LAB)) {
            throw deny(context, action, patient, Purpose.LABORATORY, "only a laboratory user may record a laboratory link");
        }
        if (!principal.organisation().equals(Optional.of(laboratory))) {
            throw deny(context, action, patient, Purpose.LABORATORY,
                    "a laboratory user may record links only for the organisation their token names");
        }
        Instant now = SqlValues.toDatabasePrecision(clock.instant());
        Instant until = now.plus(careRelationshipValidity);
        try {
            return jdbi.inTransaction(handle -> {
                long id = handle.createQuery("INSERT INTO security.laboratory_link (patient, laboratory, valid_from,"
                                + " valid_until, recorded_by, request_id) VALUES (:patient, :laboratory, :from, :until,"
                                + " :recordedBy, :requestId) RETURNING id")
                        .bind("patient", patient.value())
                        .bind("laboratory", laboratory.value())
                        .bind("from", SqlValues.timestamp(now))
                        .bind("until", SqlValues.timestamp(until))
                        .bind("recordedBy", principal.user().value())
                        .bind("requestId", context.requestId())
                        .mapTo(Long.class)
                        .one();
                auditLog.append(handle, new AuditEvent(context, action, Optional.of(patient), Purpose.LABORATORY,
                        AuditOutcome.PERMITTED, Map.of("laboratoryLinkId", Long.toString(id), "laboratory",
                                laboratory.value(), "validUntil", until.toString())));
                return id;
            });
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean isLaboratoryLinked(Pseudonym patient, OrganisationId laboratory, Instant now) {
        requireNonNull(patient, "patient is null");
        requireNonNull(laboratory, "laboratory is null");
        requireNonNull(now, "now is null");
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM security.laboratory_link"
                            + " WHERE patient = :patient AND laboratory = :laboratory AND valid_from <= :now"
                            + " AND valid_until > :now)")
                    .bind("patient", patient.value())
                    .bind("laboratory", laboratory.value())
                    .bind("now", SqlValues.timestamp(now))
                    .mapTo(Boolean.class)
                    .one());
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    /** Every laboratory link of the patient, newest first. The caller must have authorised the access. */
    public List<LaboratoryLink> laboratoryLinksOf(Pseudonym patient) {
        requireNonNull(patient, "patient is null");
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT id, patient, laboratory, valid_from, valid_until,"
                            + " recorded_by FROM security.laboratory_link WHERE patient = :patient"
                            + " ORDER BY valid_from DESC, id DESC")
                    .bind("patient", patient.value())
                    .map((row, context) -> new LaboratoryLink(
                            row.getLong("id"),
                            Pseudonym.of(row.getString("patient")),
                            OrganisationId.of(row.getString("laboratory")),
                            SqlValues.instant(row, "valid_from"),
                            SqlValues.instant(row, "valid_until"),
                            UserId.of(row.getString("recorded_by"))))
                    .list());
        } catch (JdbiException e) {
            throw unavailable(e);
        }
    }

    private static Optional<String> refusalToRecord(Principal principal, UserId clinician, Source source) {
        return switch (source) {
            case BREAK_THE_GLASS -> {
                if (!principal.hasRole(Role.CLINICIAN)) {
                    yield Optional.of("only a clinician may declare break-the-glass access");
                }
                if (!principal.user().equals(clinician)) {
                    yield Optional.of("a clinician may declare break-the-glass access only for themself");
                }
                yield Optional.empty();
            }
            case LAB_SUBMISSION -> {
                if (!principal.hasRole(Role.LAB)) {
                    yield Optional.of("only a laboratory user may record a care relationship from a sample submission");
                }
                yield Optional.empty();
            }
            case EHR -> {
                if (!principal.hasRole(Role.SECURITY_OFFICER)) {
                    yield Optional.of("only the EHR integration (a security-officer account) may record EHR care relationships");
                }
                yield Optional.empty();
            }
        };
    }

    private static Purpose purposeOf(Source source) {
        return switch (source) {
            case LAB_SUBMISSION -> Purpose.LABORATORY;
            case EHR -> Purpose.TREATMENT;
            case BREAK_THE_GLASS -> Purpose.BREAK_THE_GLASS;
        };
    }

    private void requireAuthenticated(RequestContext context, String action, Pseudonym patient, Purpose purpose) {
        if (!context.principal().authenticated()) {
            auditLog.append(new AuditEvent(context, action, Optional.of(patient), purpose, AuditOutcome.DENIED,
                    Map.of("denial", "not authenticated")));
            throw new PermedException(SecurityErrorCode.AUTHENTICATION_REQUIRED,
                    "sign in first: this needs a bearer token (Authorization: Bearer <token>)");
        }
    }

    private PermedException deny(RequestContext context, String action, Pseudonym patient, Purpose purpose, String why) {
        long sequence = auditLog.append(new AuditEvent(context, action, Optional.of(patient), purpose, AuditOutcome.DENIED,
                Map.of("denial", why)));
        return new PermedException(SecurityErrorCode.ACCESS_DENIED, why + " (audit entry " + sequence + ")",
                Map.of("auditSequence", sequence));
    }

    private static PermedException invalidRelationship(String message) {
        return new PermedException(SecurityErrorCode.INVALID_CARE_RELATIONSHIP, message, Map.of("field", "validUntil"));
    }

    private static PermedException unavailable(JdbiException e) {
        return new PermedException(
                SecurityErrorCode.STORE_UNAVAILABLE,
                "care relationships cannot be read or written right now, so nothing was changed; try again, and if it"
                        + " persists ask the operator to check the database (details are in the server log)",
                Map.of(),
                e);
    }

    private static CareRelationship relationship(ResultSet row) throws SQLException {
        return new CareRelationship(
                row.getLong("id"),
                Pseudonym.of(row.getString("patient")),
                UserId.of(row.getString("clinician")),
                Source.valueOf(row.getString("source")),
                Optional.ofNullable(row.getString("reason")),
                SqlValues.instant(row, "valid_from"),
                SqlValues.instant(row, "valid_until"),
                Optional.ofNullable(SqlValues.instant(row, "ended_at")),
                UserId.of(row.getString("recorded_by")));
    }
}
