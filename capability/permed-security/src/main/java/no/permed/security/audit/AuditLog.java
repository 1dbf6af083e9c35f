package no.permed.security.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.security.audit.AuditVerification.Problem;
import no.permed.security.internal.SqlValues;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.TransactionalAuditSink;
import no.permed.spi.Principal;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log in {@code security.audit_log}.
 *
 * <p>Each entry's hash is the SHA-256 of its canonical encoding (RFC 8785 JSON of all its fields,
 * including the previous entry's hash; see {@link AuditEntry#canonicalEncoding()} and
 * docs/security.md). Appends are serialised with a PostgreSQL transaction-scoped advisory lock, so
 * that concurrent writers in any number of processes never fork the chain; a trigger refuses
 * UPDATE, DELETE and TRUNCATE; and {@link #verify()} finds any change made by someone who can get
 * around the trigger.
 */
public final class AuditLog implements TransactionalAuditSink {
    /** The detail under which a break-the-glass reason is recorded; shown to the patient. */
    public static final String REASON_DETAIL = "reason";
    /** The most entries one access-log page returns. */
    public static final int MAXIMUM_PAGE_SIZE = 500;

    /** The advisory lock that serialises appends: the ASCII bytes of "permedAu" as a long. */
    static final long APPEND_LOCK = 0x7065726d65644175L;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAXIMUM_REQUEST_ID_LENGTH = 200;
    private static final int MAXIMUM_DETAIL_LENGTH = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS =
            "sequence, recorded_at, actor, roles, organisation, action, subject, purpose, outcome, request_id,"
                    + " details::text AS details, previous_hash, hash";

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Appends the event in its own transaction and returns its sequence number once it is committed.
     *
     * @throws PermedException AUDIT_UNAVAILABLE when the entry cannot be written; the caller must
     *     then not carry out the audited action
     */
    @Override
    public long append(AuditEvent event) {
        requireNonNull(event, "event is null");
        try {
            return jdbi.inTransaction(handle -> append(handle, event));
        } catch (JdbiException e) {
            throw unavailable("written", e);
        }
    }

    /**
     * Appends the event through another capability's connection, inside its open transaction (see
     * {@link TransactionalAuditSink}). The connection must reach this log's database; it is neither
     * committed nor closed here.
     *
     * @throws PermedException AUDIT_UNAVAILABLE when the entry cannot be written; the caller's
     *     transaction must then roll back
     */
    @Override
    public long append(Connection transaction, AuditEvent event) {
        requireNonNull(transaction, "transaction is null");
        requireNonNull(event, "event is null");
        try {
            if (transaction.getAutoCommit()) {
                throw new IllegalStateException("AuditLog.append(Connection, ...) needs a connection inside a transaction");
            }
        } catch (java.sql.SQLException e) {
            throw unavailable("written", new org.jdbi.v3.core.ConnectionException(e));
        }
        // a Jdbi over the one connection: closing its handle neither closes the connection nor ends the transaction
        Jdbi borrowed = Jdbi.create(transaction);
        borrowed.getConfig(Handles.class).setForceEndTransactions(false);
        try (Handle handle = borrowed.open()) {
            return append(handle, event);
        } catch (JdbiException e) {
            throw unavailable("written", e);
        }
    }

    /**
     * Appends the event inside the caller's open transaction, so that a change and its audit entry
     * are committed together or not at all. The append lock is held until that transaction ends:
     * keep it short. The transaction must use PostgreSQL's default isolation (read committed), so
     * that the last entry is read after the lock is taken.
     */
    public long append(Handle handle, AuditEvent event) {
        requireNonNull(handle, "handle is null");
        requireNonNull(event, "event is null");
        if (!handle.isInTransaction()) {
            throw new IllegalStateException("AuditLog.append(Handle, ...) needs a handle inside a transaction");
        }
        handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock)) AS locked")
                .bind("lock", APPEND_LOCK)
                .mapTo(Integer.class)
                .one();
        Optional<AuditHead> head = head(handle);
        long sequence = head.map(last -> last.sequence() + 1).orElse(1L);
        String previousHash = head.map(AuditHead::hash).orElse(ChainRecord.GENESIS_HASH);
        Instant time = SqlValues.toDatabasePrecision(clock.instant());

        Principal principal = event.context().principal();
        Map<String, String> details = new TreeMap<>();
        event.details().forEach((key, value) -> details.put(
                SqlValues.storable(key, MAXIMUM_DETAIL_LENGTH), SqlValues.storable(value, MAXIMUM_DETAIL_LENGTH)));
        ChainRecord record = new ChainRecord(
                sequence,
                time,
                principal.user().value(),
                AuditEntry.roleNames(principal.roles()),
                principal.organisation().map(OrganisationId::value),
                event.action(),
                event.subject().map(Pseudonym::value),
                event.purpose().name(),
                event.outcome().name(),
                SqlValues.storable(event.context().requestId(), MAXIMUM_REQUEST_ID_LENGTH),
                details,
                previousHash);
        String hash = record.computeHash();
        handle.createUpdate("INSERT INTO security.audit_log (sequence, recorded_at, actor, roles, organisation, action,"
                        + " subject, purpose, outcome, request_id, details, previous_hash, hash) VALUES (:sequence, :time,"
                        + " :actor, :roles, :organisation, :action, :subject, :purpose, :outcome, :requestId,"
                        + " CAST(:details AS jsonb), :previousHash, :hash)")
                .bind("sequence", sequence)
                .bind("time", SqlValues.timestamp(time))
                .bind("actor", record.actor())
                .bind("roles", SqlValues.textArray(record.roles()))
                .bind("organisation", record.organisation().orElse(null))
                .bind("action", record.action())
                .bind("subject", record.subject().orElse(null))
                .bind("purpose", record.purpose())
                .bind("outcome", record.outcome())
                .bind("requestId", record.requestId())
                .bind("details", toJson(details))
                .bind("previousHash", previousHash)
                .bind("hash", hash)
                .execute();
        return sequence;
    }

    /** The last entry's sequence number and hash; empty while the log is empty. */
    public Optional<AuditHead> head() {
        try {
            return jdbi.withHandle(AuditLog::head);
        } catch (JdbiException e) {
            throw unavailable("read", e);
        }
    }

    private static Optional<AuditHead> head(Handle handle) {
        return handle.createQuery("SELECT sequence, hash FROM security.audit_log ORDER BY sequence DESC LIMIT 1")
                .map((row, context) -> new AuditHead(row.getLong("sequence"), row.getString("hash")))
                .findOne();
    }

    /** The entry with this sequence number. */
    public Optional<AuditEntry> entry(long sequence) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM security.audit_log WHERE sequence = :sequence")
                    .bind("sequence", sequence)
                    .map((row, context) -> toEntry(readRecord(row), row.getString("hash")))
                    .findOne());
        } catch (JdbiException e) {
            throw unavailable("read", e);
        }
    }

    /** Checks the whole chain from the first entry. */
    public AuditVerification verify() {
        return verify(Optional.empty());
    }

    /**
     * Checks the whole chain from the first entry, and that it still holds the anchor entry with the
     * same hash (so that entries cut from the end are found too).
     */
    public AuditVerification verify(AuditHead anchor) {
        return verify(Optional.of(requireNonNull(anchor, "anchor is null")));
    }

    private AuditVerification verify(Optional<AuditHead> anchor) {
        try {
            AuditVerification result = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
                try (Stream<RowWithHash> rows = handle.createQuery("SELECT " + COLUMNS + " FROM security.audit_log ORDER BY sequence")
                        .setFetchSize(1000)
                        .map((row, context) -> readRowWithHash(row))
                        .stream()) {
                    return verify(rows.iterator(), anchor);
                }
            });
            if (result.ok()) {
                LOG.info("Audit chain verified: {}", result.message());
            } else {
                LOG.error("Audit chain is BROKEN: {}", result.message());
            }
            return result;
        } catch (JdbiException e) {
            throw unavailable("read", e);
        }
    }

    private static AuditVerification verify(Iterator<RowWithHash> rows, Optional<AuditHead> anchor) {
        long expected = 1;
        String previousHash = ChainRecord.GENESIS_HASH;
        Optional<AuditHead> lastIntact = Optional.empty();
        while (rows.hasNext()) {
            RowWithHash row = rows.next();
            long checked = expected - 1;
            if (row.sequence() != expected) {
                return broken(checked, expected, Problem.GAP, "entry " + expected + " is missing (the next entry is "
                        + row.sequence() + "): entries were removed", lastIntact);
            }
            if (!row.previousHashMatches(previousHash)) {
                return broken(checked, expected, Problem.PREVIOUS_HASH_MISMATCH, "entry " + expected
                        + " does not link to the entry before it: entry " + (expected - 1)
                        + " or this link was changed after it was written", lastIntact);
            }
            if (!row.hashMatches()) {
                return broken(checked, expected, Problem.HASH_MISMATCH, "entry " + expected
                        + " was changed after it was written: its content does not match its hash", lastIntact);
            }
            if (anchor.isPresent() && anchor.get().sequence() == expected && !anchor.get().hash().equals(row.hash())) {
                return broken(checked, expected, Problem.ANCHOR_MISMATCH, "entry " + expected
                        + " has a different hash from the published anchor: the chain up to it was rewritten", lastIntact);
            }
            previousHash = row.hash();
            lastIntact = Optional.of(new AuditHead(expected, row.hash()));
            expected++;
        }
        long entries = expected - 1;
        if (anchor.isPresent() && anchor.get().sequence() > entries) {
            return broken(entries, entries + 1, Problem.TRUNCATED, "the log ends at entry " + entries
                    + " but the anchor names entry " + anchor.get().sequence() + ": entries were removed from its end",
                    lastIntact);
        }
        return new AuditVerification(true, entries, OptionalLong.empty(), Optional.empty(),
                entries + " entries intact" + lastIntact.map(head -> "; head " + head).orElse(""), lastIntact);
    }

    private static AuditVerification broken(
            long checked, long sequence, Problem problem, String message, Optional<AuditHead> lastIntact) {
        return new AuditVerification(false, checked, OptionalLong.of(sequence), Optional.of(problem), message, lastIntact);
    }

    /**
     * A patient's view of who touched their data, newest first.
     *
     * @param limit 1 to {@value #MAXIMUM_PAGE_SIZE} entries
     * @param beforeSequence only entries older than this one (from {@link AccessLogPage#nextBefore()}); empty for the newest
     */
    public AccessLogPage accessLogFor(Pseudonym subject, int limit, OptionalLong beforeSequence) {
        return accessLogFor(Set.of(requireNonNull(subject, "subject is null")), limit, beforeSequence);
    }

    /**
     * The access log of one person stored under several pseudonyms (one per key version, from
     * {@code HmacPseudonymizer.allPseudonymsOf}), newest first.
     */
    public AccessLogPage accessLogFor(Collection<Pseudonym> subjects, int limit, OptionalLong beforeSequence) {
        requireNonNull(subjects, "subjects is null");
        requireNonNull(beforeSequence, "beforeSequence is null");
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("name at least one pseudonym");
        }
        if (limit < 1 || limit > MAXIMUM_PAGE_SIZE) {
            throw new PermedException(SecurityErrorCode.INVALID_AUDIT_QUERY,
                    "an access-log page holds 1 to " + MAXIMUM_PAGE_SIZE + " entries, " + limit + " were asked for",
                    Map.of("field", "limit"));
        }
        List<String> values = subjects.stream().map(Pseudonym::value).distinct().toList();
        String sql = "SELECT sequence, recorded_at, actor, roles, organisation, action, purpose, outcome,"
                + " details ->> 'reason' AS reason FROM security.audit_log WHERE subject = ANY(:subjects)"
                + (beforeSequence.isPresent() ? " AND sequence < :before" : "")
                + " ORDER BY sequence DESC LIMIT :limit";
        try {
            List<AccessLogEntry> entries = jdbi.withHandle(handle -> {
                var query = handle.createQuery(sql)
                        .bind("subjects", SqlValues.textArray(values))
                        .bind("limit", limit + 1);
                if (beforeSequence.isPresent()) {
                    query.bind("before", beforeSequence.getAsLong());
                }
                return query.map((row, context) -> toAccessLogEntry(row)).list();
            });
            if (entries.size() > limit) {
                List<AccessLogEntry> page = entries.subList(0, limit);
                return new AccessLogPage(page, OptionalLong.of(page.get(limit - 1).sequence()));
            }
            return new AccessLogPage(entries, OptionalLong.empty());
        } catch (JdbiException e) {
            throw unavailable("read", e);
        }
    }

    private static AccessLogEntry toAccessLogEntry(ResultSet row) throws SQLException {
        Purpose purpose = Purpose.valueOf(row.getString("purpose"));
        String reason = row.getString("reason");
        return new AccessLogEntry(
                row.getLong("sequence"),
                SqlValues.instant(row, "recorded_at"),
                UserId.of(row.getString("actor")),
                roles(SqlValues.texts(row, "roles")),
                Optional.ofNullable(row.getString("organisation")).map(OrganisationId::of),
                row.getString("action"),
                purpose,
                AuditOutcome.valueOf(row.getString("outcome")),
                purpose == Purpose.BREAK_THE_GLASS ? Optional.ofNullable(reason) : Optional.empty());
    }

    private static Set<Role> roles(List<String> names) {
        return names.stream().map(Role::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    private static AuditEntry toEntry(ChainRecord record, String hash) {
        return new AuditEntry(
                record.sequence(),
                record.time(),
                UserId.of(record.actor()),
                roles(record.roles()),
                record.organisation().map(OrganisationId::of),
                record.action(),
                record.subject().map(Pseudonym::of),
                Purpose.valueOf(record.purpose()),
                AuditOutcome.valueOf(record.outcome()),
                record.requestId(),
                record.details(),
                record.previousHash(),
                hash);
    }

    /** A stored row, or the fact that its details are not a flat object of texts (only possible after tampering). */
    private record RowWithHash(long sequence, Optional<ChainRecord> record, String storedPreviousHash, String hash) {
        boolean previousHashMatches(String expected) {
            return storedPreviousHash.equals(expected);
        }

        boolean hashMatches() {
            return record.isPresent() && record.get().computeHash().equals(hash);
        }
    }

    private static RowWithHash readRowWithHash(ResultSet row) throws SQLException {
        Optional<ChainRecord> record;
        try {
            record = Optional.of(readRecord(row));
        } catch (IllegalArgumentException e) {
            record = Optional.empty();
        }
        return new RowWithHash(row.getLong("sequence"), record, row.getString("previous_hash"), row.getString("hash"));
    }

    private static ChainRecord readRecord(ResultSet row) throws SQLException {
        return new ChainRecord(
                row.getLong("sequence"),
                SqlValues.instant(row, "recorded_at"),
                row.getString("actor"),
                SqlValues.texts(row, "roles"),
                Optional.ofNullable(row.getString("organisation")),
                row.getString("action"),
                Optional.ofNullable(row.getString("subject")),
                row.getString("purpose"),
                row.getString("outcome"),
                row.getString("request_id"),
                fromJson(row.getString("details")),
                row.getString("previous_hash"));
    }

    private static String toJson(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** @throws IllegalArgumentException when the stored details are not an object of texts */
    private static Map<String, String> fromJson(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details are not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("details are not a JSON object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("details are not all text");
            }
            details.put(field.getKey(), field.getValue().textValue());
        }
        return details;
    }

    private static PermedException unavailable(String what, JdbiException e) {
        LOG.error("The audit log could not be {}", what, e);
        return new PermedException(
                SecurityErrorCode.AUDIT_UNAVAILABLE,
                "the audit log could not be " + what + ", so the action was not carried out; try again, and if it"
                        + " persists ask the operator to check the database (details are in the server log)",
                Map.of(),
                e);
    }

    @Override
    public String toString() {
        return "AuditLog[security.audit_log]";
    }
}
