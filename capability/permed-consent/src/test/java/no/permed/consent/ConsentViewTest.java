package no.permed.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.permed.kernel.PermedException;
import no.permed.kernel.Pseudonym;
import no.permed.kernel.UserId;
import org.junit.jupiter.api.Test;

/**
 * The enforcement point on its own (no database): DUO modifiers against declared uses, obligations, and the project
 * summary. The expected answers follow DUO's definitions of each code (duo.csv in src/test/resources/duo).
 */
class ConsentViewTest {
    private static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2025-12-01T00:00:00Z");
    private static final ConsentPurpose HMB = ConsentPurpose.of(DuoCode.HMB);
    private static final ConsentPurpose GRU = ConsentPurpose.of(DuoCode.GRU);
    private static final UserId PATIENT_USER = UserId.of("patient-user");
    private long nextId = 1;

    private static Pseudonym patient(int number) {
        return ConsentStoreTest.patient(number);
    }

    private ConsentDecision given(Pseudonym patient, ConsentPurpose purpose, Optional<String> project, Set<DuoCode> modifiers,
            Instant from, Optional<Instant> to) {
        return new ConsentDecision(nextId++, 1, patient, ConsentStatus.GIVEN, new ConsentTerms(purpose, project, modifiers, from, to,
                ConsentSource.DIGITAL, new FindingsChoices(false, true)), JAN, PATIENT_USER);
    }

    private static ConsentDecision withdrawn(ConsentDecision decision) {
        return new ConsentDecision(decision.consentId(), decision.version() + 1, decision.patient(), ConsentStatus.WITHDRAWN,
                decision.terms(), JUN, PATIENT_USER);
    }

    @Test
    void modifiersRefuseTheUsesTheyExclude() {
        ConsentView view = new ConsentView();
        Pseudonym ncu = patient(11);
        Pseudonym npuncu = patient(12);
        Pseudonym irb = patient(13);
        Pseudonym npoa = patient(14);
        Pseudonym gs = patient(15);
        Pseudonym ps = patient(16);
        Pseudonym npu = patient(17);
        view.replace(ncu, List.of(given(ncu, GRU, Optional.empty(), Set.of(DuoCode.NCU), JAN, Optional.empty())));
        view.replace(npuncu, List.of(given(npuncu, GRU, Optional.empty(), Set.of(DuoCode.NPUNCU), JAN, Optional.empty())));
        view.replace(irb, List.of(given(irb, GRU, Optional.empty(), Set.of(DuoCode.IRB), JAN, Optional.empty())));
        view.replace(npoa, List.of(given(npoa, GRU, Optional.empty(), Set.of(DuoCode.NPOA), JAN, Optional.empty())));
        view.replace(gs, List.of(given(gs, GRU, Optional.empty(), Set.of(DuoCode.GS), JAN, Optional.empty())));
        view.replace(ps, List.of(given(ps, GRU, Optional.empty(), Set.of(DuoCode.PS), JAN, Optional.empty())));
        view.replace(npu, List.of(given(npu, GRU, Optional.empty(), Set.of(DuoCode.NPU), JAN, Optional.empty())));

        DataUse own = DataUse.of(HMB, Optional.of("PRJ-1"));
        for (Pseudonym patient : List.of(ncu, npuncu, irb, npoa, gs, ps, npu)) {
            assertThat(view.mayCount(patient, own, JUN)).as("permed's own use is allowed under every modifier").isTrue();
            assertThat(view.mayCount(patient, HMB, Optional.of("PRJ-1"), JUN)).as("the four-argument form is that use").isTrue();
        }
        DataUse commercial = own.withCommercial(true);
        assertThat(view.mayCount(ncu, commercial, JUN)).as("NCU: non-commercial use only").isFalse();
        assertThat(view.mayCount(npuncu, commercial, JUN)).as("NPUNCU refuses commercial use").isFalse();
        assertThat(view.mayCount(npu, commercial, JUN)).as("NPU speaks of the organisation, not the use").isTrue();
        assertThat(view.mayCount(irb, commercial, JUN)).isTrue();

        DataUse forProfit = own.withForProfitOrganisation(true);
        assertThat(view.mayCount(npu, forProfit, JUN)).as("NPU: not-for-profit organisation use only").isFalse();
        assertThat(view.mayCount(npuncu, forProfit, JUN)).as("NPUNCU refuses for-profit users").isFalse();
        assertThat(view.mayCount(ncu, forProfit, JUN)).as("a non-commercial use by a company is not refused by NCU").isTrue();

        assertThat(view.mayCount(irb, own.withEthicsApproved(false), JUN)).as("IRB: ethics approval required").isFalse();
        assertThat(view.mayCount(ncu, own.withEthicsApproved(false), JUN)).isTrue();
        assertThat(view.mayCount(npoa, DataUse.of(GRU, Optional.empty()).withAncestryResearch(true), JUN)).isFalse();
        assertThat(view.mayCount(ncu, DataUse.of(GRU, Optional.empty()).withAncestryResearch(true), JUN)).isTrue();
        assertThat(view.mayCount(gs, own.withOutsideNorway(true), JUN)).as("GS: inside Norway only").isFalse();
        assertThat(view.mayCount(ps, DataUse.of(HMB, Optional.empty()), JUN)).as("PS: only inside a named project").isFalse();
        assertThat(view.countable(List.of(ncu, npuncu, irb, npu), commercial, JUN)).containsExactly(irb, npu);
    }

    @Test
    void hmbAndDiseaseSpecificConsentsExcludeAncestryResearchAsDuoDefinesThem() {
        ConsentView view = new ConsentView();
        Pseudonym hmb = patient(21);
        Pseudonym ds = patient(22);
        ConsentPurpose cancer = ConsentPurpose.diseaseSpecific("MONDO:0007254");
        view.replace(hmb, List.of(given(hmb, HMB, Optional.empty(), Set.of(), JAN, Optional.empty())));
        view.replace(ds, List.of(given(ds, cancer, Optional.empty(), Set.of(), JAN, Optional.empty())));
        assertThat(view.mayCount(hmb, DataUse.of(HMB, Optional.empty()), JUN)).isTrue();
        assertThat(view.mayCount(hmb, DataUse.of(HMB, Optional.empty()).withAncestryResearch(true), JUN)).isFalse();
        assertThat(view.mayCount(ds, DataUse.of(cancer, Optional.empty()).withAncestryResearch(true), JUN)).isFalse();
        assertThat(view.mayCount(ds, DataUse.of(ConsentPurpose.diseaseSpecific("MONDO:0005148"), Optional.empty()), JUN))
                .as("another disease").isFalse();
    }

    @Test
    void obligationsDoNotRefuseAndTheLeastDemandingConsentIsChosen() {
        ConsentView view = new ConsentView();
        Pseudonym patient = patient(31);
        ConsentDecision both = given(patient, GRU, Optional.empty(), Set.of(DuoCode.PUB, DuoCode.COL, DuoCode.NCU), JAN, Optional.empty());
        ConsentDecision publish = given(patient, HMB, Optional.of("PRJ-1"), Set.of(DuoCode.PUB), JAN, Optional.empty());
        view.replace(patient, List.of(both, publish));

        ConsentAnswer forProject = view.check(patient, DataUse.of(HMB, Optional.of("PRJ-1")), JUN);
        assertThat(forProject.allowed()).isTrue();
        assertThat(forProject.consent()).contains(publish.consentId());
        assertThat(forProject.obligations()).containsExactly(DuoCode.PUB);

        ConsentAnswer elsewhere = view.check(patient, DataUse.of(HMB, Optional.of("PRJ-2")), JUN);
        assertThat(elsewhere.consent()).contains(both.consentId());
        assertThat(elsewhere.obligations()).containsExactlyInAnyOrder(DuoCode.PUB, DuoCode.COL);

        assertThat(view.check(patient, DataUse.of(HMB, Optional.of("PRJ-2")).withCommercial(true), JUN)).isEqualTo(ConsentAnswer.REFUSED);
        assertThat(view.check(patient(32), DataUse.of(HMB, Optional.empty()), JUN)).isEqualTo(ConsentAnswer.REFUSED);
    }

    @Test
    void theSummaryCountsEachPatientOnceByTheirBestStateForTheProject() {
        ConsentView view = new ConsentView();
        String project = "PRJ-S";
        // given now, for the project
        Pseudonym a = patient(41);
        view.replace(a, List.of(given(a, HMB, Optional.of(project), Set.of(), JAN, Optional.empty())));
        // given for any project (applies), and an expired one for the project: best is given
        Pseudonym b = patient(42);
        view.replace(b, List.of(given(b, GRU, Optional.empty(), Set.of(), JAN, Optional.empty()),
                given(b, HMB, Optional.of(project), Set.of(), JAN, Optional.of(Instant.parse("2025-03-01T00:00:00Z")))));
        // withdrawn
        Pseudonym c = patient(43);
        view.replace(c, List.of(withdrawn(given(c, HMB, Optional.of(project), Set.of(), JAN, Optional.empty()))));
        // expired
        Pseudonym d = patient(44);
        view.replace(d, List.of(given(d, HMB, Optional.of(project), Set.of(), JAN, Optional.of(Instant.parse("2025-05-01T00:00:00Z")))));
        // not yet valid
        Pseudonym e = patient(45);
        view.replace(e, List.of(given(e, ConsentPurpose.diseaseSpecific("MONDO:0007254"), Optional.of(project), Set.of(), DEC,
                Optional.empty())));
        // another project only: not in the cohort
        Pseudonym f = patient(46);
        view.replace(f, List.of(given(f, HMB, Optional.of("PRJ-OTHER"), Set.of(), JAN, Optional.empty())));

        ConsentSummary summary = view.summary(project, JUN);

        assertThat(summary.patients()).isEqualTo(Map.of(ConsentSummary.State.GIVEN, 2, ConsentSummary.State.NOT_YET_VALID, 1,
                ConsentSummary.State.EXPIRED, 1, ConsentSummary.State.WITHDRAWN, 1));
        assertThat(summary.byPurpose().keySet()).containsExactly("DS:MONDO:0007254", "GRU", "HMB");
        assertThat(summary.byPurpose().get("HMB")).isEqualTo(Map.of(ConsentSummary.State.GIVEN, 1, ConsentSummary.State.NOT_YET_VALID,
                0, ConsentSummary.State.EXPIRED, 2, ConsentSummary.State.WITHDRAWN, 1));
        assertThat(summary.byPurpose().get("GRU").get(ConsentSummary.State.GIVEN)).isEqualTo(1);
        assertThat(summary.byPurpose().get("DS:MONDO:0007254").get(ConsentSummary.State.NOT_YET_VALID)).isEqualTo(1);
        assertThat(view.summary("PRJ-NOBODY", JUN).patients()).as("only b's consent for any project applies")
                .isEqualTo(Map.of(ConsentSummary.State.GIVEN, 1, ConsentSummary.State.NOT_YET_VALID, 0,
                        ConsentSummary.State.EXPIRED, 0, ConsentSummary.State.WITHDRAWN, 0));
        assertThatThrownBy(() -> view.summary("no spaces", JUN)).isInstanceOf(PermedException.class)
                .satisfies(failure -> assertThat(((PermedException) failure).errorCode()).isEqualTo(ConsentErrorCode.INVALID_PROJECT));
    }
}
