package no.permed.pgx.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import no.permed.pgx.interpret.DrugRecommendation;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.Recommendation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actionable-findings rule against every CPIC/DPWG recommendation of the knowledge. The independent check is the
 * sources' own flags: a recommendation that CPIC/DPWG mark as carrying dosing information or advising an alternative
 * drug must never be classified as standard use or as no recommendation.
 */
class HtmlPrescribingImpactTest {
    private static PgxKnowledge knowledge;

    @BeforeAll
    static void load() {
        knowledge = ReportFixtures.knowledge();
    }

    @Test
    void everyRecommendationTheSourceFlagsAsDosingOrAlternativeIsActionable() {
        List<String> missed = new ArrayList<>();
        Map<PrescribingImpact, Integer> counts = new EnumMap<>(PrescribingImpact.class);
        int flagged = 0;
        for (Recommendation recommendation : knowledge.recommendations()) {
            PrescribingImpact impact = PrescribingImpact.of(ReportFixtures.drugRecommendation(recommendation, recommendation.drugs().get(0)));
            counts.merge(impact, 1, Integer::sum);
            if (recommendation.dosingInformation() || recommendation.alternateDrugAdvised()) {
                flagged++;
                if (impact != PrescribingImpact.CHANGES_PRESCRIBING) {
                    missed.add(recommendation.id() + " " + impact + ": " + recommendation.text());
                }
            }
        }
        assertThat(knowledge.recommendations()).hasSize(2586);
        assertThat(flagged).isGreaterThan(1000);
        assertThat(missed).isEmpty();
        // all three classes occur
        assertThat(counts).containsOnlyKeys(PrescribingImpact.values());
    }

    @Test
    void clopidogrelInAPoorMetabolizerChangesPrescribingInBothSources() {
        assertThat(impact("PA166297572")).isEqualTo(PrescribingImpact.CHANGES_PRESCRIBING); // CPIC, Avoid clopidogrel if possible
        assertThat(impact("PA166299211")).isEqualTo(PrescribingImpact.CHANGES_PRESCRIBING); // DPWG, avoid clopidogrel
    }

    @Test
    void knownStandardStatementsAreStandardUseEvenWithOtherConsiderations() {
        List<Recommendation> initiate = byMainText("Initiate therapy with recommended starting dose.");
        List<Recommendation> noAction = byMainText("NO action is needed for this gene-drug interaction.");
        List<Recommendation> clopidogrelNormal = byMainText("If considering clopidogrel, use at standard dose (75 mg/day)");
        assertThat(initiate).hasSizeGreaterThan(100);
        assertThat(noAction).hasSizeGreaterThan(30);
        assertThat(clopidogrelNormal).isNotEmpty();
        assertThat(clopidogrelNormal).allSatisfy(r -> assertThat(r.text()).contains("\nOther Considerations\n"));
        for (Recommendation recommendation : concat(initiate, noAction, clopidogrelNormal)) {
            if (!recommendation.alternateDrugAdvised()) {
                assertThat(impact(recommendation)).as(recommendation.id()).isEqualTo(PrescribingImpact.STANDARD_USE);
            }
        }
    }

    @Test
    void thiopurinesAtNormalTpmtAndNudt15AreStandardUse() {
        // CPIC azathioprine, TPMT and NUDT15 Normal Metabolizer: "Start with normal starting dose (e.g., 2-3 mg/kg/day) and adjust ..."
        assertThat(impact("PA166297277")).isEqualTo(PrescribingImpact.STANDARD_USE);
        // CPIC mercaptopurine, the same genotype
        assertThat(impact("PA166298222")).isEqualTo(PrescribingImpact.STANDARD_USE);
    }

    @Test
    void aStandardStatementFollowedByFurtherAdviceIsActionable() {
        // "Initiate therapy with recommended starting dose. Consider a slower titration schedule and lower maintenance dose ..."
        List<Recommendation> titration = knowledge.recommendations().stream()
                .filter(r -> PrescribingImpact.mainText(r.text()).startsWith("Initiate therapy with recommended starting dose. Consider"))
                .toList();
        assertThat(titration).isNotEmpty();
        assertThat(titration).allSatisfy(r -> assertThat(impact(r)).isEqualTo(PrescribingImpact.CHANGES_PRESCRIBING));
    }

    @Test
    void noRecommendationStatementsAreNotActionable() {
        List<Recommendation> none = concat(byMainText("No recommendation"),
                byMainText("The guideline does not provide a recommendation for clopidogrel in normal metabolizers."));
        // one sentence with full stops inside it: "... ABCG2 rs2231142 GG genotype (c.421CC; p.141QQ)"
        none.addAll(knowledge.recommendations().stream()
                .filter(r -> PrescribingImpact.mainText(r.text()).startsWith("The guideline does not provide a recommendation for allopurinol"))
                .toList());
        assertThat(none).hasSizeGreaterThan(50);
        assertThat(none).anySatisfy(r -> assertThat(r.text()).contains("(c.421CC; p.141QQ)"));
        assertThat(none).allSatisfy(r -> assertThat(impact(r)).isEqualTo(PrescribingImpact.NO_RECOMMENDATION));
    }

    private static List<Recommendation> byMainText(String mainText) {
        return knowledge.recommendations().stream().filter(r -> PrescribingImpact.mainText(r.text()).equals(mainText)).toList();
    }

    @SafeVarargs
    private static List<Recommendation> concat(List<Recommendation>... lists) {
        List<Recommendation> all = new ArrayList<>();
        for (List<Recommendation> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static PrescribingImpact impact(String id) {
        DrugRecommendation recommendation = ReportFixtures.recommendation(knowledge, id);
        return PrescribingImpact.of(recommendation);
    }

    private static PrescribingImpact impact(Recommendation recommendation) {
        return PrescribingImpact.of(ReportFixtures.drugRecommendation(recommendation, recommendation.drugs().get(0)));
    }
}
