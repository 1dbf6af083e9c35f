package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.permed.db.Database;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.spi.AuditEvent;
import no.permed.spi.TransactionalAuditSink;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A register change and its audit entries are one transaction: when the audit log refuses an entry the change is not
 * made, and an entry written for a change is in the change's own transaction (the sink below writes each entry into a
 * table through the connection it is given, so a rolled-back change leaves no entry there). Uses the ClinVar allele of
 * {@link ReclassificationRecallTest}.
 */
class AuditedChangesTest {
    private static final VariantKey VARIANT = VariantKey.parse("GRCh38-1-2228870-C-G");
    private static final Pseudonym CARRIER = Callers.patient(1);

    /** Writes entries into {@code public.audit_probe} through the caller's connection; refuses the actions listed. */
    private static final class TableAudit implements TransactionalAuditSink {
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        @Override
        public long append(AuditEvent event) {
            throw new AssertionError("a change must be audited in its transaction, not after: " + event.action());
        }

        @Override
        public long append(Connection transaction, AuditEvent event) {
            if (refused.contains(event.action())) {
                throw new PermedException(no.permed.interpretation.InterpretationErrorCode.STORAGE_FAILURE,
                        "audit log unavailable (test)", Map.of());
            }
            try (var statement = transaction.prepareStatement("insert into public.audit_probe (action) values (?)")) {
                statement.setString(1, event.action());
                statement.executeUpdate();
                return 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads are audited through the plain form: count them without a table. */
    private static final class ReadsAllowed implements TransactionalAuditSink {
        private final TableAudit changes;

        ReadsAllowed(TableAudit changes) {
            this.changes = changes;
        }

        @Override
        public long append(AuditEvent event) {
            return 0;
        }

        @Override
        public long append(Connection transaction, AuditEvent event) {
            return changes.append(transaction, event);
        }
    }

    private Database database;
    private TableAudit audit;
    private VariantRegister register;

    @BeforeEach
    void open() {
        database = SharedPostgres.freshDatabase();
        database.jdbi().useHandle(handle -> handle.execute("create table public.audit_probe (action text not null)"));
        audit = new TableAudit();
        CarrierLookup carriers = variant -> variant.equals(VARIANT)
                ? List.of(new Carrier(CARRIER, "OSL-0001", Optional.of(Callers.OSLO.value()))) : List.of();
        ClinicianDirectory directory = (patient, now) -> List.of(UserId.of("dr-hansen"));
        register = VariantRegister.open(database, new ReadsAllowed(audit), carriers, directory, RecallPreference.ALWAYS,
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<String> probe() {
        return database.jdbi().withHandle(handle -> handle.createQuery("select action from public.audit_probe order by action")
                .mapTo(String.class).list());
    }

    private int rows(String table) {
        return database.jdbi().withHandle(handle -> handle.createQuery("select count(*) from interpretation." + table)
                .mapTo(Integer.class).one());
    }

    private static NewSubmission fields(String classification, String criteria) {
        return new SubmissionFields(VARIANT.toString(), Optional.empty(), "not specified", classification, Optional.of(criteria),
                Optional.empty(), Optional.empty()).validate(LocalDates.today());
    }

    @Test
    void aSubmissionWhoseEntryIsRefusedIsNotStored() {
        audit.refused.add("interpretation.submission.create");
        assertThatThrownBy(() -> register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2")))
                .isInstanceOf(PermedException.class);
        assertThat(rows("submission")).isZero();
        assertThat(register.aggregates(VARIANT)).isEmpty();
        assertThat(probe()).isEmpty();

        audit.refused.clear();
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        assertThat(rows("submission")).isEqualTo(1);
        assertThat(probe()).containsExactly("interpretation.submission.create");
    }

    @Test
    void aRecallWhoseEntryIsRefusedStaysPendingAndIsMadeLaterWithItsEntries() {
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        audit.refused.add("interpretation.recall.notify");
        // the submission into conflict commits (with its own entries); its recall is refused as a whole and stays pending
        SubmissionResult intoConflict = register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        assertThat(intoConflict.reclassification()).isPresent();
        assertThat(intoConflict.recall()).isEmpty();
        assertThat(rows("submission")).isEqualTo(2);
        assertThat(rows("notification")).isZero();
        assertThat(probe()).doesNotContain("interpretation.recall.notify", "interpretation.recall.complete")
                .contains("interpretation.reclassification.record", "interpretation.discordance.open");

        audit.refused.clear();
        assertThat(register.recallPending(Callers.lab(Callers.OSLO))).hasSize(1);
        assertThat(rows("notification")).isPositive();
        assertThat(probe()).contains("interpretation.recall.notify", "interpretation.recall.complete");
    }

    @Test
    void aRefusedAcknowledgementLeavesTheNoticePending() {
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        Notification notice = register.notifications(Callers.clinician("dr-hansen"), true).get(0);
        audit.refused.add("interpretation.notification.acknowledge");
        assertThatThrownBy(() -> register.acknowledge(Callers.clinician("dr-hansen"), notice.id())).isInstanceOf(PermedException.class);
        assertThat(register.notifications(Callers.clinician("dr-hansen"), true)).extracting(Notification::id).contains(notice.id());
    }
}
