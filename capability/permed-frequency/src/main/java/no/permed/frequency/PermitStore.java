package no.permed.frequency;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.permed.db.Database;
import no.permed.db.Storage;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.AuditSink;
import no.permed.spi.RequestContext;
import org.jdbi.v3.core.Jdbi;

/**
 * The Beacon's permits (schema {@code frequency}): a security officer grants a user the CONTROLLED tier for one dataset
 * and revokes it, each audited, until permed has its data-access workflow. The current permits are held in memory, so
 * that every Beacon request can ask {@link #datasetsOf} without a database round trip. Thread-safe.
 */
public final class PermitStore implements BeaconPermits {
    /** The PostgreSQL schema this store owns. */
    public static final String SCHEMA = "frequency";
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Storage storage;
    private final AuditSink audit;
    private final Clock clock;
    private volatile Map<UserId, Set<String>> current = Map.of();

    /** A permit as stored. */
    public record Permit(long id, UserId user, String dataset, String reason, UserId grantedBy, Instant grantedAt,
            Optional<UserId> revokedBy, Optional<Instant> revokedAt) {
        public Permit {
            requireNonNull(user, "user is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(grantedBy, "grantedBy is null");
            requireNonNull(grantedAt, "grantedAt is null");
            requireNonNull(revokedBy, "revokedBy is null");
            requireNonNull(revokedAt, "revokedAt is null");
        }

        public boolean current() {
            return revokedAt.isEmpty();
        }
    }

    private PermitStore(Jdbi jdbi, AuditSink audit, Clock clock) {
        this.storage = new Storage(requireNonNull(jdbi, "jdbi is null"), FrequencyErrorCode.STORAGE_FAILURE);
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        reload();
    }

    /** Migrates schema {@code frequency} and opens the store on it. */
    public static PermitStore open(Database database, AuditSink audit, Clock clock) {
        requireNonNull(database, "database is null");
        database.migrate(SCHEMA);
        return new PermitStore(database.jdbi(), audit, clock);
    }

    @Override
    public Set<String> datasetsOf(UserId user) {
        return current.getOrDefault(requireNonNull(user, "user is null"), Set.of());
    }

    /**
     * Grants {@code user} the CONTROLLED tier for {@code dataset}. Granting a permit the user already holds returns the
     * existing one (nothing new is stored, the request is still audited).
     *
     * @param reason why (the application or decision it rests on; no personal data)
     */
    public Permit grant(RequestContext context, UserId user, String dataset, String reason) {
        requireNonNull(context, "context is null");
        requireNonNull(user, "user is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(reason, "reason is null");
        if (!DATASET.matcher(dataset).matches()) {
            throw new PermedException(FrequencyErrorCode.UNKNOWN_DATASET, "'" + dataset + "' is not a dataset name (1–64 of"
                    + " A-Z a-z 0-9 . _ -, starting with a letter or digit)", Map.of("field", "dataset"));
        }
        if (reason.isBlank() || reason.length() > 500) {
            throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "reason must name the decision the permit rests on"
                    + " (1–500 characters)", Map.of("field", "reason"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Permit permit = storage.inTransaction("grant the permit", handle -> {
            Optional<Permit> existing = handle.createQuery("select * from frequency.permit where user_id = :user and dataset = :dataset"
                            + " and revoked_at is null for update")
                    .bind("user", user.value()).bind("dataset", dataset).map((row, ctx) -> permit(row)).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            return handle.createQuery("insert into frequency.permit (user_id, dataset, reason, granted_by, granted_at)"
                            + " values (:user, :dataset, :reason, :by, :at) returning *")
                    .bind("user", user.value()).bind("dataset", dataset).bind("reason", reason)
                    .bind("by", context.principal().user().value()).bind("at", now)
                    .map((row, ctx) -> permit(row)).one();
        });
        reload();
        audited(context, "beacon.permit.grant", permit);
        return permit;
    }

    /** Revokes a current permit: the user loses the CONTROLLED tier for that dataset at once. */
    public Permit revoke(RequestContext context, long permitId) {
        requireNonNull(context, "context is null");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Permit permit = storage.inTransaction("revoke the permit", handle -> handle.createQuery("update frequency.permit set"
                        + " revoked_by = :by, revoked_at = :at where id = :id and revoked_at is null returning *")
                .bind("by", context.principal().user().value()).bind("at", now).bind("id", permitId)
                .map((row, ctx) -> permit(row)).findOne())
                .orElseThrow(() -> new PermedException(FrequencyErrorCode.PERMIT_NOT_FOUND, "no current permit has id " + permitId,
                        Map.of("field", "id")));
        reload();
        audited(context, "beacon.permit.revoke", permit);
        return permit;
    }

    /** Every permit, current and revoked, newest first. */
    public List<Permit> list() {
        return storage.read("list the permits", handle -> handle.createQuery("select * from frequency.permit order by id desc")
                .map((row, ctx) -> permit(row)).list());
    }

    private void reload() {
        List<Permit> permits = storage.read("load the permits", handle -> handle.createQuery("select * from frequency.permit"
                + " where revoked_at is null").map((row, ctx) -> permit(row)).list());
        Map<UserId, Set<String>> byUser = new HashMap<>();
        for (Permit permit : permits) {
            byUser.computeIfAbsent(permit.user(), key -> new HashSet<>()).add(permit.dataset());
        }
        Map<UserId, Set<String>> frozen = new HashMap<>();
        byUser.forEach((user, datasets) -> frozen.put(user, Set.copyOf(datasets)));
        current = Map.copyOf(frozen);
    }

    private void audited(RequestContext context, String action, Permit permit) {
        audit.append(new AuditEvent(context, action, Optional.empty(), Purpose.SECURITY_ADMINISTRATION, AuditOutcome.PERMITTED,
                Map.of("permit", Long.toString(permit.id()), "user", permit.user().value(), "dataset", permit.dataset())));
    }

    private static Permit permit(java.sql.ResultSet row) throws java.sql.SQLException {
        String revokedBy = row.getString("revoked_by");
        java.sql.Timestamp revokedAt = row.getTimestamp("revoked_at");
        return new Permit(row.getLong("id"), UserId.of(row.getString("user_id")), row.getString("dataset"), row.getString("reason"),
                UserId.of(row.getString("granted_by")), row.getTimestamp("granted_at").toInstant(),
                Optional.ofNullable(revokedBy).map(UserId::of), Optional.ofNullable(revokedAt).map(java.sql.Timestamp::toInstant));
    }
}
