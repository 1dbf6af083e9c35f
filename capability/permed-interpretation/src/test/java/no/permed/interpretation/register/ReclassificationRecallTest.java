package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.permed.db.Database;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.aggregate.AggregateClassification;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discordance and recall on a real ClinVar allele: VCV 409977 (GRCh38 1-2228870 C>G), which ClinVar's 2018 extract
 * lists with one likely pathogenic and one uncertain submission, "Conflicting interpretations of pathogenicity". The
 * Oslo laboratory submits the uncertain classification, Bergen the likely pathogenic one: the aggregate moves from
 * uncertain into conflict, a reclassification that is recalled to the carriers a test {@link CarrierLookup} gives.
 * Oslo then re-evaluates to likely pathogenic: the discordance closes as concordant and a second recall follows.
 */
class ReclassificationRecallTest {
    private static final VariantKey VARIANT = VariantKey.parse("GRCh38-1-2228870-C-G");
    private static final Condition CONDITION = Condition.parse("not specified");
    private static final Pseudonym TREATED = Callers.patient(1);
    private static final Pseudonym WITHOUT_LABORATORY = Callers.patient(2);
    private static final Pseudonym DECLINES = Callers.patient(3);

    /** The genome store's answer, written out (a hand-written fake of the lookup). */
    static final class TestCarriers implements CarrierLookup {
        @Override
        public List<Carrier> carriersOf(VariantKey variant) {
            if (!variant.equals(VARIANT)) {
                return List.of();
            }
            return List.of(new Carrier(TREATED, "OSL-0001", Optional.of(Callers.OSLO.value())),
                    new Carrier(WITHOUT_LABORATORY, "EXT-17", Optional.empty()),
                    new Carrier(DECLINES, "BGO-0042", Optional.of(Callers.BERGEN.value())));
        }
    }

    private static Database database;
    private static VariantRegister register;
    private static final MemoryAudit AUDIT = new MemoryAudit();
    private static SubmissionResult intoConflict;
    private static SubmissionResult outOfConflict;
    private static Discordance afterReEvaluate;

    @BeforeAll
    static void scenario() {
        database = SharedPostgres.freshDatabase();
        ClinicianDirectory directory = (Pseudonym patient, Instant now) -> {
            if (patient.equals(TREATED)) {
                return List.of(UserId.of("dr-hansen"), UserId.of("dr-olsen"));
            }
            return patient.equals(WITHOUT_LABORATORY) ? List.of(UserId.of("dr-berg")) : List.of(UserId.of("dr-never"));
        };
        RecallPreference preference = patient -> !patient.equals(DECLINES);
        register = VariantRegister.open(database, AUDIT, new TestCarriers(), directory, preference, Clock.systemUTC());

        SubmissionResult first = register.submit(Callers.lab(Callers.OSLO), fields("Uncertain significance", "PM2"));
        assertThat(first.reclassification()).as("a first aggregate is no reclassification").isEmpty();
        intoConflict = register.submit(Callers.lab(Callers.BERGEN), fields("Likely pathogenic", "PS3,PM2"));
        long discordance = intoConflict.discordanceId().orElseThrow();
        register.act(Callers.lab(Callers.OSLO), discordance, Discordance.ActionKind.COMMENT, Optional.of("Our segregation data are weak"));
        afterReEvaluate = register.act(Callers.lab(Callers.OSLO), discordance, Discordance.ActionKind.RE_EVALUATE, Optional.empty());
        outOfConflict = register.submit(Callers.lab(Callers.OSLO), fields("Likely pathogenic", "PS3,PM2_Supporting,PP3"));
    }

    private static NewSubmission fields(String classification, String criteria) {
        return new SubmissionFields(VARIANT.toString(), Optional.empty(), CONDITION.value(), classification, Optional.of(criteria),
                Optional.empty(), Optional.empty()).validate(LocalDates.today());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theChangeIntoConflictIsReproducedFromClinVarAndRecalled() {
        VariantAggregate aggregate = intoConflict.aggregate();
        // ClinVar 2018, VCV 409977: Conflicting interpretations of pathogenicity, criteria provided, conflicting, 1 star
        assertThat(aggregate.aggregate().classification()).isEqualTo(AggregateClassification.fromLabel(
                "Conflicting interpretations of pathogenicity").orElseThrow());
        assertThat(aggregate.aggregate().goldStars()).isEqualTo(1);
        Reclassification change = intoConflict.reclassification().orElseThrow();
        assertThat(change.from()).isEqualTo(AggregateClassification.UNCERTAIN_SIGNIFICANCE);
        assertThat(change.toGroup()).isEqualTo(ClinicalGroup.CONFLICTING);
        Recall recall = intoConflict.recall().orElseThrow();
        assertThat(recall.carriers()).isEqualTo(3);
        assertThat(recall.declined()).isEqualTo(1);
        // two submitting labs; TREATED: two clinicians and the Oslo lab; WITHOUT_LABORATORY: one clinician
        assertThat(recall.notifications()).isEqualTo(6);
    }

    @Test
    void cliniciansSeeTheirCarriersAndAcknowledge() {
        List<Notification> hansen = register.notifications(Callers.clinician("dr-hansen"), true);
        assertThat(hansen).hasSize(2).allSatisfy(notification -> {
            assertThat(notification.patient()).contains(TREATED);
            assertThat(notification.sampleId()).contains("OSL-0001");
            assertThat(notification.variant()).isEqualTo(VARIANT);
        });
        assertThat(hansen).extracting(Notification::to)
                .containsExactly(AggregateClassification.LIKELY_PATHOGENIC, AggregateClassification.CONFLICTING);
        assertThat(register.notifications(Callers.clinician("dr-never"), false)).as("the patient declined").isEmpty();
        long id = hansen.get(0).id();
        assertThatThrownBy(() -> register.acknowledge(Callers.clinician("dr-berg"), id))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.NOTIFICATION_NOT_FOUND));
        Notification acknowledged = register.acknowledge(Callers.clinician("dr-hansen"), id);
        assertThat(acknowledged.acknowledgedBy()).contains(UserId.of("dr-hansen"));
        assertThat(register.notifications(Callers.clinician("dr-hansen"), true)).hasSize(1);
        assertThat(AUDIT.events("interpretation.notification.acknowledge")).singleElement()
                .satisfies(event -> assertThat(event.subject()).contains(TREATED));
    }

    @Test
    void laboratoriesSeeTheirNoticesAndTheirCarriers() {
        List<Notification> oslo = register.notifications(Callers.lab(Callers.OSLO), false);
        // per recall: the submitting-lab notice and the notice about its own patient's sample
        assertThat(oslo).hasSize(4);
        assertThat(oslo.stream().filter(notification -> notification.patient().isPresent()))
                .allSatisfy(notification -> assertThat(notification.patient()).contains(TREATED));
        assertThat(register.notifications(Callers.lab(Callers.BERGEN), false)).hasSize(2)
                .allSatisfy(notification -> assertThat(notification.patient()).isEmpty());
    }

    @Test
    void theDiscordanceWorkflowKeepsItsHistoryAndClosesWhenTheLabsAgree() {
        assertThat(afterReEvaluate.status()).isEqualTo(Discordance.Status.RE_EVALUATING);
        assertThat(outOfConflict.aggregate().aggregate().classification()).isEqualTo(AggregateClassification.LIKELY_PATHOGENIC);
        assertThat(outOfConflict.discordanceId()).isEmpty();
        assertThat(outOfConflict.reclassification().orElseThrow().from()).isEqualTo(AggregateClassification.CONFLICTING);
        assertThat(outOfConflict.recall().orElseThrow().notifications()).isEqualTo(6);

        long id = intoConflict.discordanceId().orElseThrow();
        Discordance closed = register.discordance(Callers.lab(Callers.BERGEN), id);
        assertThat(closed.status()).isEqualTo(Discordance.Status.RESOLVED);
        assertThat(closed.closedAt()).isPresent();
        assertThat(closed.actions()).extracting(Discordance.Action::kind).containsExactly(Discordance.ActionKind.OPENED,
                Discordance.ActionKind.COMMENT, Discordance.ActionKind.RE_EVALUATE, Discordance.ActionKind.RESUBMITTED,
                Discordance.ActionKind.CONCORDANT);
        assertThat(closed.actions().get(1).comment()).contains("Our segregation data are weak");
        assertThat(closed.actions().get(3).submissionId()).contains(outOfConflict.submission().id());
        assertThat(register.discordances(Callers.lab(Callers.OSLO), false)).isEmpty();
        assertThat(register.discordances(Callers.lab(Callers.OSLO), true)).hasSize(1);
        assertThatThrownBy(() -> register.act(Callers.lab(Callers.OSLO), id, Discordance.ActionKind.ESCALATE, Optional.of("panel")))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.DISCORDANCE_RESOLVED));
        assertThatThrownBy(() -> register.discordance(Callers.lab(no.permed.kernel.OrganisationId.of("demo-lab-tromso")), id))
                .isInstanceOfSatisfying(PermedException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(InterpretationErrorCode.DISCORDANCE_NOT_FOUND));
        assertThat(register.reclassifications(VARIANT)).hasSize(2).allSatisfy(each -> assertThat(each.recalledAt()).isPresent());
    }

    @Test
    void everyRecallStepIsAuditedAndThePatientWhoDeclinedIsNotNotified() {
        assertThat(AUDIT.events("interpretation.reclassification.record")).hasSize(2);
        assertThat(AUDIT.events("interpretation.recall.notify")).hasSize(4)
                .extracting(event -> event.subject().orElseThrow()).containsOnly(TREATED, WITHOUT_LABORATORY);
        assertThat(AUDIT.events("interpretation.recall.declined")).hasSize(2)
                .allSatisfy(event -> assertThat(event.subject()).contains(DECLINES));
        assertThat(AUDIT.events("interpretation.recall.complete")).extracting(event -> event.details().get("notifications"))
                .containsExactly("6", "6");
        assertThat(AUDIT.events("interpretation.discordance.action")).extracting(event -> event.details().get("action"))
                .containsExactly("COMMENT", "RE_EVALUATE");
        assertThat(AUDIT.all()).allSatisfy(event -> assertThat(event.details().values().toString()).doesNotContain(DECLINES.value()));
        assertThat(register.recallPending(Callers.lab(Callers.OSLO))).as("nothing left to recall").isEmpty();
    }
}
