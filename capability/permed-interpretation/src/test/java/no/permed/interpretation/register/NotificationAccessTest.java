package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.permed.db.Database;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.Purpose;
import no.permed.kernel.UserId;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A carrier notice goes to the clinicians who treat the carrier when the recall is made; a clinician whose care
 * relationship has ended since must no longer see it, acknowledge it or be audited as reading it. The variant and the
 * two labs' classes are ClinVar's VCV 409977 as in {@link ReclassificationRecallTest}.
 */
class NotificationAccessTest {
    private static final VariantKey VARIANT = VariantKey.parse("GRCh38-1-2228870-C-G");
    private static final Pseudonym CARRIER = Callers.patient(41);
    private static final UserId STAYS = UserId.of("dr-stays");
    private static final UserId LEAVES = UserId.of("dr-leaves");

    private static final Set<UserId> TREATING = ConcurrentHashMap.newKeySet();
    private static final MemoryAudit AUDIT = new MemoryAudit();
    private static Database database;
    private static VariantRegister register;

    @BeforeAll
    static void scenario() {
        database = SharedPostgres.freshDatabase();
        TREATING.addAll(List.of(STAYS, LEAVES));
        ClinicianDirectory directory = (Pseudonym patient, Instant now) -> patient.equals(CARRIER) ? List.copyOf(TREATING) : List.of();
        CarrierLookup carriers = variant -> variant.equals(VARIANT)
                ? List.of(new Carrier(CARRIER, "OSL-0041", Optional.of(Callers.OSLO.value()))) : List.of();
        register = VariantRegister.open(database, AUDIT, carriers, directory, RecallPreference.ALWAYS, Clock.systemUTC());
        register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        SubmissionResult conflict = register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        assertThat(conflict.recall()).isPresent();
    }

    private static NewSubmission fields(String classification, String criteria) {
        return new SubmissionFields(VARIANT.toString(), Optional.empty(), "not specified", classification, Optional.of(criteria),
                Optional.empty(), Optional.empty()).validate(LocalDates.today());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aClinicianWhoNoLongerTreatsTheCarrierSeesNoCarrierNotice() {
        assertThat(register.notifications(Callers.clinician("dr-leaves"), false)).singleElement()
                .satisfies(notification -> assertThat(notification.patient()).contains(CARRIER));
        long id = register.notifications(Callers.clinician("dr-leaves"), false).get(0).id();
        int readsBefore = AUDIT.events("interpretation.notification.read").size();

        TREATING.remove(LEAVES);   // the care relationship ends

        assertThat(register.notifications(Callers.clinician("dr-leaves"), false)).isEmpty();
        assertThat(AUDIT.events("interpretation.notification.read")).hasSize(readsBefore);
        assertThatThrownBy(() -> register.acknowledge(Callers.clinician("dr-leaves"), id))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.NOTIFICATION_NOT_FOUND));
        assertThat(register.notifications(Callers.clinician("dr-stays"), false)).singleElement()
                .satisfies(notification -> assertThat(notification.patient()).contains(CARRIER));
    }

    @Test
    void aLaboratoryReadingItsCarrierNoticeIsAuditedForLaboratoryPurpose() {
        assertThat(register.notifications(Callers.lab(Callers.OSLO), false))
                .filteredOn(notification -> notification.patient().isPresent()).hasSize(1);
        assertThat(AUDIT.events("interpretation.notification.read"))
                .filteredOn(event -> event.context().principal().user().value().equals("user-of-demo-lab-oslo"))
                .isNotEmpty().allSatisfy(event -> assertThat(event.purpose()).isEqualTo(Purpose.LABORATORY));
    }
}
