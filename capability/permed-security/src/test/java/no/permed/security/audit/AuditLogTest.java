package no.permed.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.permed.db.Database;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.security.SecurityErrorCode;
import no.permed.security.audit.AuditVerification.Problem;
import no.permed.security.testing.MutableClock;
import no.permed.security.testing.Principals;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    private static final Pseudonym PATIENT = Principals.pseudonym('A');
    private static final Pseudonym OTHER_PATIENT = Principals.pseudonym('B');

    private final MutableClock clock = MutableClock.at("2026-05-17T08:00:00.123456789Z");
    private Database database;
    private AuditLog log;

    @BeforeEach
    void freshLog() {
        database = SharedPostgres.freshDatabase();
        database.migrate("security");
        log = new AuditLog(database.jdbi(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static RequestContext clinician() {
        Principal principal = new Principal(UserId.of("dr-hansen"), Set.of(Role.CLINICIAN),
                Optional.of(OrganisationId.of("ous")), Optional.empty(), true);
        return new RequestContext(principal, "req-1");
    }

    private static AuditEvent read(Pseudonym subject, String action) {
        return new AuditEvent(clinician(), action, Optional.of(subject), Purpose.TREATMENT, AuditOutcome.PERMITTED,
                Map.of("sampleCount", "2"));
    }

    private void appendMany(int count) {
        for (int i = 0; i < count; i++) {
            log.append(read(i % 2 == 0 ? PATIENT : OTHER_PATIENT, "pgx.profile.read"));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void appendsConsecutiveEntriesLinkedFromGenesis() {
        assertThat(log.head()).isEmpty();
        assertThat(log.verify().ok()).isTrue();

        assertThat(log.append(read(PATIENT, "pgx.profile.read"))).isEqualTo(1);
        assertThat(log.append(read(OTHER_PATIENT, "pgx.profile.read"))).isEqualTo(2);

        AuditEntry first = log.entry(1).orElseThrow();
        AuditEntry second = log.entry(2).orElseThrow();
        assertThat(first.previousHash()).isEqualTo("0".repeat(64)).isEqualTo(AuditEntry.GENESIS_HASH);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(first.hash()).isEqualTo(first.computeHash()).matches("[0-9a-f]{64}");
        assertThat(first.time()).isEqualTo(Instant.parse("2026-05-17T08:00:00.123456Z"));
        assertThat(first.actor()).isEqualTo(UserId.of("dr-hansen"));
        assertThat(first.roles()).containsExactly(Role.CLINICIAN);
        assertThat(first.organisation()).contains(OrganisationId.of("ous"));
        assertThat(first.subject()).contains(PATIENT);
        assertThat(first.purpose()).isEqualTo(Purpose.TREATMENT);
        assertThat(first.outcome()).isEqualTo(AuditOutcome.PERMITTED);
        assertThat(first.requestId()).isEqualTo("req-1");
        assertThat(first.details()).containsExactly(Map.entry("sampleCount", "2"));
        assertThat(log.head()).contains(new AuditHead(2, second.hash()));
        AuditVerification verification = log.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(2);
        assertThat(verification.lastIntact()).contains(new AuditHead(2, second.hash()));
    }

    @Test
    void anEntryWrittenThroughAnotherCapabilitysTransactionCommitsAndRollsBackWithIt() throws Exception {
        database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE public.change_made (id int)"));
        try (java.sql.Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO public.change_made VALUES (1)");
            }
            assertThat(log.append(connection, read(PATIENT, "interpretation.recall.notify"))).isEqualTo(1);
            connection.rollback();
            // the change and its entry went together; the connection is still usable and still ours
            assertThat(connection.isClosed()).isFalse();
            assertThat(log.head()).isEmpty();

            try (var statement = connection.createStatement()) {
                statement.execute("INSERT INTO public.change_made VALUES (2)");
            }
            assertThat(log.append(connection, read(PATIENT, "interpretation.recall.notify"))).isEqualTo(1);
            assertThat(log.head()).as("not visible before the caller commits").isEmpty();
            connection.commit();
        }
        assertThat(log.entry(1).orElseThrow().action()).isEqualTo("interpretation.recall.notify");
        List<Integer> changes = database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM public.change_made")
                .mapTo(Integer.class).list());
        assertThat(changes).containsExactly(2);
        assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void refusesAConnectionWithoutAnOpenTransaction() throws Exception {
        try (java.sql.Connection connection = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> log.append(connection, read(PATIENT, "pgx.profile.read")))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(log.head()).isEmpty();
    }

    @Test
    void hashIsSha256OfTheDocumentedCanonicalEncoding() throws Exception {
        Principal principal = new Principal(UserId.of("dr-hansen"), Set.of(Role.LAB, Role.CLINICIAN),
                Optional.empty(), Optional.empty(), true);
        log.append(new AuditEvent(new RequestContext(principal, "req \"7\""), "care-relationship.break-the-glass",
                Optional.of(PATIENT), Purpose.BREAK_THE_GLASS, AuditOutcome.PERMITTED,
                Map.of("reason", "Bevisstløs pasient\ni akuttmottak", "careRelationshipId", "12")));

        // Written by hand from docs/security.md: members sorted, no spaces, roles sorted, six fractional digits.
        String expected = "{\"action\":\"care-relationship.break-the-glass\",\"actor\":\"dr-hansen\","
                + "\"details\":{\"careRelationshipId\":\"12\",\"reason\":\"Bevisstløs pasient\\ni akuttmottak\"},"
                + "\"organisation\":null,\"outcome\":\"PERMITTED\","
                + "\"previousHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
                + "\"purpose\":\"BREAK_THE_GLASS\",\"requestId\":\"req \\\"7\\\"\",\"roles\":[\"CLINICIAN\",\"LAB\"],"
                + "\"sequence\":1,\"subject\":\"" + PATIENT.value() + "\",\"time\":\"2026-05-17T08:00:00.123456Z\"}";
        AuditEntry entry = log.entry(1).orElseThrow();

        assertThat(entry.canonicalEncoding()).isEqualTo(expected);
        String sha256 = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8)));
        assertThat(entry.hash()).isEqualTo(sha256);
    }

    @Test
    void keepsTheChainIntactForAwkwardText() {
        Map<String, String> details = new HashMap<>();
        details.put("quote", "she said \"no\" \\ then left");
        details.put("control", "tab\there\u0001bell\u001f");
        details.put("unicode", "Ærlig talt – 😀 \u2028 ∑");
        details.put("nul", "before\u0000after");
        details.put("lone", "broken \uD800 surrogate");
        details.put("é-key", "value");
        log.append(new AuditEvent(new RequestContext(Principal.anonymous(), "x\u0000y"), "patient.read", Optional.empty(),
                Purpose.SELF_SERVICE, AuditOutcome.DENIED, details));
        log.append(read(PATIENT, "pgx.profile.read"));

        assertThat(log.verify().ok()).isTrue();
        AuditEntry entry = log.entry(1).orElseThrow();
        assertThat(entry.details()).containsEntry("nul", "before\uFFFDafter").containsEntry("lone", "broken \uFFFD surrogate");
        assertThat(entry.requestId()).isEqualTo("x\uFFFDy");
        assertThat(entry.actor()).isEqualTo(UserId.of("anonymous"));
        assertThat(entry.roles()).isEmpty();
    }

    @Test
    void refusesUpdateDeleteAndTruncate() {
        appendMany(3);

        for (String statement : List.of(
                "UPDATE security.audit_log SET action = 'nothing.happened' WHERE sequence = 2",
                "DELETE FROM security.audit_log WHERE sequence = 3",
                "TRUNCATE security.audit_log")) {
            assertThatThrownBy(() -> database.jdbi().useHandle(handle -> handle.execute(statement)))
                    .as(statement)
                    .hasStackTraceContaining("append-only");
        }
        assertThat(log.verify().entriesChecked()).isEqualTo(3);
    }

    /** What a malicious database administrator can do: switch the trigger off and change rows. */
    private void asMaliciousAdministrator(String... statements) {
        database.jdbi().useTransaction(handle -> {
            handle.execute("ALTER TABLE security.audit_log DISABLE TRIGGER USER");
            for (String statement : statements) {
                handle.execute(statement);
            }
            handle.execute("ALTER TABLE security.audit_log ENABLE TRIGGER USER");
        });
    }

    @Test
    void findsTheExactEntryWhoseActionWasChanged() {
        appendMany(10);

        asMaliciousAdministrator("UPDATE security.audit_log SET action = 'nothing.happened' WHERE sequence = 6");

        AuditVerification verification = log.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBrokenSequence()).hasValue(6);
        assertThat(verification.problem()).contains(Problem.HASH_MISMATCH);
        assertThat(verification.entriesChecked()).isEqualTo(5);
        assertThat(verification.message()).contains("entry 6").contains("changed");
        assertThat(verification.lastIntact().orElseThrow().sequence()).isEqualTo(5);
    }

    @Test
    void findsTheExactEntryWhoseDetailsWereChanged() {
        appendMany(10);

        asMaliciousAdministrator(
                "UPDATE security.audit_log SET details = jsonb_set(details, '{sampleCount}', '\"0\"') WHERE sequence = 3");

        AuditVerification verification = log.verify();
        assertThat(verification.firstBrokenSequence()).hasValue(3);
        assertThat(verification.problem()).contains(Problem.HASH_MISMATCH);
    }

    @Test
    void findsDetailsChangedIntoSomethingThatIsNotText() {
        appendMany(4);

        asMaliciousAdministrator("UPDATE security.audit_log SET details = '{\"sampleCount\": 2}' WHERE sequence = 2");

        assertThat(log.verify().firstBrokenSequence()).hasValue(2);
    }

    @Test
    void findsTheBrokenLinkWhenTheChangedEntryWasRehashed() {
        appendMany(10);
        AuditEntry original = log.entry(4).orElseThrow();
        AuditEntry forged = new AuditEntry(original.sequence(), original.time(), UserId.of("someone-else"), original.roles(),
                original.organisation(), original.action(), original.subject(), original.purpose(), original.outcome(),
                original.requestId(), original.details(), original.previousHash(), "");
        String forgedHash = forged.computeHash();

        asMaliciousAdministrator("UPDATE security.audit_log SET actor = 'someone-else', hash = '" + forgedHash
                + "' WHERE sequence = 4");

        AuditVerification verification = log.verify();
        assertThat(verification.firstBrokenSequence()).hasValue(5);
        assertThat(verification.problem()).contains(Problem.PREVIOUS_HASH_MISMATCH);
        assertThat(verification.message()).contains("entry 5").contains("entry 4");
    }

    @Test
    void findsARemovedEntry() {
        appendMany(10);

        asMaliciousAdministrator("DELETE FROM security.audit_log WHERE sequence = 7");

        AuditVerification verification = log.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBrokenSequence()).hasValue(7);
        assertThat(verification.problem()).contains(Problem.GAP);
        assertThat(verification.entriesChecked()).isEqualTo(6);
        assertThat(verification.message()).contains("entry 7 is missing");
    }

    @Test
    void findsARemovedFirstEntry() {
        appendMany(3);

        asMaliciousAdministrator("DELETE FROM security.audit_log WHERE sequence = 1");

        assertThat(log.verify().firstBrokenSequence()).hasValue(1);
        assertThat(log.verify().problem()).contains(Problem.GAP);
    }

    @Test
    void findsEntriesCutFromTheEndAgainstAPublishedAnchor() {
        appendMany(8);
        AuditHead anchor = log.head().orElseThrow();
        assertThat(log.verify(anchor).ok()).isTrue();
        assertThat(AuditHead.parse(anchor.toString())).isEqualTo(anchor);

        asMaliciousAdministrator("DELETE FROM security.audit_log WHERE sequence >= 7");

        assertThat(log.verify().ok()).as("without an anchor a cut end cannot be seen").isTrue();
        AuditVerification verification = log.verify(anchor);
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problem()).contains(Problem.TRUNCATED);
        assertThat(verification.firstBrokenSequence()).hasValue(7);
    }

    @Test
    void findsARewrittenChainAgainstAPublishedAnchor() {
        appendMany(5);
        AuditHead anchor = log.entry(3).map(entry -> new AuditHead(3, entry.hash())).orElseThrow();

        assertThat(log.verify(new AuditHead(3, "f".repeat(64))).problem()).contains(Problem.ANCHOR_MISMATCH);
        assertThat(log.verify(anchor).ok()).isTrue();
    }

    @Test
    void concurrentWritersNeverForkTheChain() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Long> sequences = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                Pseudonym subject = thread % 2 == 0 ? PATIENT : OTHER_PATIENT;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sequences.add(log.append(read(subject, "pgx.profile.read")));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }

        int total = threads * perThread;
        assertThat(sequences).hasSize(total).doesNotHaveDuplicates();
        assertThat(sequences.stream().mapToLong(Long::longValue).max()).hasValue(total);
        AuditVerification verification = log.verify();
        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(verification.entriesChecked()).isEqualTo(total);
    }

    @Test
    void showsAPatientTheirAccessLogNewestFirstInPages() {
        RequestContext emergency = new RequestContext(Principals.user("dr-berg", Role.CLINICIAN), "req-2");
        log.append(read(PATIENT, "pgx.profile.read"));
        clock.advance(Duration.ofMinutes(1));
        log.append(read(OTHER_PATIENT, "pgx.profile.read"));
        clock.advance(Duration.ofMinutes(1));
        log.append(new AuditEvent(emergency, "pgx.profile.read", Optional.of(PATIENT), Purpose.BREAK_THE_GLASS,
                AuditOutcome.PERMITTED, Map.of("reason", "Unconscious patient in the emergency room")));
        clock.advance(Duration.ofMinutes(1));
        log.append(new AuditEvent(clinician(), "genome.variants.read", Optional.of(PATIENT), Purpose.TREATMENT,
                AuditOutcome.DENIED, Map.of("reason", "not shown for treatment")));
        log.append(new AuditEvent(clinician(), "audit.verify", Optional.empty(), Purpose.SECURITY_ADMINISTRATION,
                AuditOutcome.PERMITTED, Map.of()));

        AccessLogPage first = log.accessLogFor(PATIENT, 2, OptionalLong.empty());

        assertThat(first.entries()).extracting(AccessLogEntry::sequence).containsExactly(4L, 3L);
        assertThat(first.nextBefore()).hasValue(3);
        AccessLogEntry denied = first.entries().get(0);
        assertThat(denied.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(denied.breakTheGlassReason()).isEmpty();
        AccessLogEntry emergencyAccess = first.entries().get(1);
        assertThat(emergencyAccess.actor()).isEqualTo(UserId.of("dr-berg"));
        assertThat(emergencyAccess.roles()).containsExactly(Role.CLINICIAN);
        assertThat(emergencyAccess.purpose()).isEqualTo(Purpose.BREAK_THE_GLASS);
        assertThat(emergencyAccess.breakTheGlassReason()).contains("Unconscious patient in the emergency room");
        assertThat(emergencyAccess.time()).isEqualTo(Instant.parse("2026-05-17T08:02:00.123456Z"));

        AccessLogPage second = log.accessLogFor(PATIENT, 2, first.nextBefore());
        assertThat(second.entries()).extracting(AccessLogEntry::sequence).containsExactly(1L);
        assertThat(second.entries().get(0).organisation()).contains(OrganisationId.of("ous"));
        assertThat(second.nextBefore()).isEmpty();

        assertThat(log.accessLogFor(List.of(PATIENT, OTHER_PATIENT), 10, OptionalLong.empty()).entries())
                .extracting(AccessLogEntry::sequence).containsExactly(4L, 3L, 2L, 1L);
        assertThat(log.accessLogFor(Principals.pseudonym('C'), 10, OptionalLong.empty()).entries()).isEmpty();
    }

    @Test
    void refusesPageSizesOutOfRange() {
        for (int limit : new int[] {0, -1, AuditLog.MAXIMUM_PAGE_SIZE + 1}) {
            assertThatThrownBy(() -> log.accessLogFor(PATIENT, limit, OptionalLong.empty()))
                    .isInstanceOf(PermedException.class)
                    .extracting(error -> ((PermedException) error).errorCode())
                    .isEqualTo(SecurityErrorCode.INVALID_AUDIT_QUERY);
        }
    }

    @Test
    void reportsAnUnavailableDatabaseAsAuditUnavailable() {
        Database closed = SharedPostgres.freshDatabase();
        closed.migrate("security");
        AuditLog unreachable = new AuditLog(closed.jdbi(), clock);
        closed.close();

        assertThatThrownBy(() -> unreachable.append(read(PATIENT, "pgx.profile.read")))
                .isInstanceOf(PermedException.class)
                .extracting(error -> ((PermedException) error).errorCode())
                .isEqualTo(SecurityErrorCode.AUDIT_UNAVAILABLE);
    }
}
