package no.permed.frequency.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import no.permed.frequency.AccessTier;
import no.permed.frequency.Counts;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.RegisterLine;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

class DisclosureTest {
    private static final VariantKey VARIANT = new VariantKey(Assembly.GRCH38, "1", 55051215, "G", "GA");

    private static Disclosure disclosure(PrivacySettings settings, Map<VariantKey, List<Long>> carriers) {
        return new Disclosure(settings, variant -> carriers.getOrDefault(variant, List.of()), Clock.systemUTC());
    }

    private static PrivacySettings withoutDefence() {
        PrivacySettings defaults = PrivacySettings.defaults();
        return defaults.withTier(AccessTier.PUBLIC, defaults.publicTier().withMembershipDefence(false));
    }

    private static RegisterLine line(VariantKey variant, Map<String, Counts> datasets, Map<String, Counts> populations,
            Map<String, Counts> superPopulations) {
        int alleleCount = 0;
        int alleleNumber = 0;
        int homozygotes = 0;
        for (Counts counts : datasets.values()) {
            alleleCount += counts.alleleCount();
            alleleNumber += counts.alleleNumber();
            homozygotes += counts.homozygotes();
        }
        return new RegisterLine(variant, new Counts(alleleCount, alleleNumber, homozygotes, 0), populations, superPopulations, datasets);
    }

    @Test
    void aDatasetIsExposedFromTheTiersMinimumSize() {
        Disclosure disclosure = disclosure(PrivacySettings.defaults(), Map.of());
        DatasetSummary small = new DatasetSummary("small", Map.of(Assembly.GRCH37, 30, Assembly.GRCH38, 19), Set.of());
        DatasetSummary fifty = new DatasetSummary("fifty", Map.of(Assembly.GRCH37, 30, Assembly.GRCH38, 20), Set.of());
        DatasetSummary one = new DatasetSummary("one", Map.of(Assembly.GRCH38, 1), Set.of());
        assertThat(disclosure.exposes(AccessTier.PUBLIC, small)).isFalse();
        assertThat(disclosure.exposes(AccessTier.PUBLIC, fifty)).isTrue();
        assertThat(disclosure.exposes(AccessTier.REGISTERED, one)).isFalse();
        assertThat(disclosure.exposes(AccessTier.REGISTERED, small)).isTrue();
        assertThat(disclosure.exposes(AccessTier.CONTROLLED, one)).isTrue();
        assertThat(disclosure.sampleLevel(AccessTier.PUBLIC)).isFalse();
        assertThat(disclosure.sampleLevel(AccessTier.REGISTERED)).isFalse();
        assertThat(disclosure.sampleLevel(AccessTier.CONTROLLED)).isTrue();
    }

    @Test
    void smallCountsAreBandedZeroAndLargerCountsAreExact() {
        assertThat(ShownCount.of(0, 5)).isEqualTo(ShownCount.exact(0));
        for (int value = 1; value <= 4; value++) {
            assertThat(ShownCount.of(value, 5)).isEqualTo(new ShownCount(OptionalInt.empty(), "1-4"));
        }
        assertThat(ShownCount.of(5, 5).text()).isEqualTo("5");
        assertThat(ShownCount.of(3, 0)).isEqualTo(ShownCount.exact(3));
        assertThat(ShownCount.of(1, 2).text()).isEqualTo("1-1");
        PublishedCounts banded = PublishedCounts.of(new Counts(3, 200, 1, 0), 5);
        assertThat(banded.alleleCount().text()).isEqualTo("1-4");
        assertThat(banded.alleleNumber()).isEqualTo(ShownCount.exact(200));
        assertThat(banded.homozygotes().text()).isEqualTo("1-4");
        assertThat(banded.alleleFrequency()).as("AF only when AC is exact").isEmpty();
        assertThat(PublishedCounts.of(new Counts(0, 0, 0, 0), 5).alleleFrequency()).as("no AF without AN").isEmpty();
    }

    @Test
    void overallSumsTheVisibleDatasetsOnly() {
        RegisterLine line = line(VARIANT, Map.of(
                "cohort-a", new Counts(7, 200, 0, 0),
                "cohort-b", new Counts(30, 400, 6, 0),
                "hidden", new Counts(3, 100, 1, 0)), Map.of(), Map.of());

        PublishedLine published = disclosure(PrivacySettings.defaults(), Map.of())
                .publish(AccessTier.PUBLIC, "client", line, Set.of("cohort-a", "cohort-b"));

        assertThat(published.exists()).isTrue();
        assertThat(published.overall().alleleCount()).isEqualTo(ShownCount.exact(37));
        assertThat(published.overall().alleleNumber()).isEqualTo(ShownCount.exact(600));
        assertThat(published.overall().homozygotes()).isEqualTo(ShownCount.exact(6));
        assertThat(published.overall().alleleFrequency().getAsDouble()).isCloseTo(37.0 / 600, within(1e-12));
        assertThat(published.datasets()).containsOnlyKeys("cohort-a", "cohort-b");
        assertThat(published.datasets().get("cohort-a").alleleCount()).isEqualTo(ShownCount.exact(7));
        assertThat(published.datasets().get("cohort-b").alleleFrequency()).isEqualTo(OptionalDouble.of(30.0 / 400));
    }

    @Test
    void noVisibleDatasetMeansAbsent() {
        RegisterLine line = line(VARIANT, Map.of("hidden", new Counts(30, 100, 1, 0)), Map.of(), Map.of());
        PublishedLine published = disclosure(PrivacySettings.defaults(), Map.of()).publish(AccessTier.PUBLIC, "c", line, Set.of());
        assertThat(published.exists()).isFalse();
        assertThat(published.overall().alleleCount()).isEqualTo(ShownCount.exact(0));
        assertThat(published.datasets()).isEmpty();
    }

    @Test
    void aBreakdownThatWouldRevealABandedCountBySubtractionIsLeftOut() {
        RegisterLine line = line(VARIANT, Map.of(
                "cohort-a", new Counts(2, 200, 0, 0),
                "cohort-b", new Counts(30, 400, 0, 0)), Map.of(), Map.of());
        PublishedLine published = disclosure(withoutDefence(), Map.of()).publish(AccessTier.PUBLIC, "c", line, Set.of("cohort-a", "cohort-b"));
        assertThat(published.overall().alleleCount()).isEqualTo(ShownCount.exact(32));
        assertThat(published.datasets()).as("32 - 30 would give cohort-a's 2").isEmpty();

        RegisterLine allSmall = line(VARIANT, Map.of(
                "cohort-a", new Counts(2, 200, 0, 0),
                "cohort-b", new Counts(1, 400, 0, 0)), Map.of(), Map.of());
        PublishedLine banded = disclosure(withoutDefence(), Map.of()).publish(AccessTier.PUBLIC, "c", allSmall, Set.of("cohort-a", "cohort-b"));
        assertThat(banded.exists()).isTrue();
        assertThat(banded.overall().alleleCount().text()).isEqualTo("1-4");
        assertThat(banded.datasets()).as("every part and the total banded: nothing to subtract").hasSize(2);

        PublishedLine registered = disclosure(withoutDefence(), Map.of()).publish(AccessTier.REGISTERED, "c",
                line(VARIANT, Map.of("cohort-a", new Counts(12, 200, 0, 0), "cohort-b", new Counts(30, 400, 0, 0)), Map.of(), Map.of()),
                Set.of("cohort-a", "cohort-b"));
        assertThat(registered.datasets().get("cohort-a").alleleCount()).isEqualTo(ShownCount.exact(12));
    }

    @Test
    void populationsAreShownOnlyWhenEveryGroupAndTheRemainderReachTheMinimumAndEveryContributorIsVisible() {
        Map<String, Counts> datasets = Map.of("1000G", new Counts(40, 400, 7, 0));
        Map<String, Counts> large = Map.of("GBR", new Counts(15, 200, 5, 0), "FIN", new Counts(25, 200, 2, 0));
        Map<String, Counts> superPopulations = Map.of("EUR", new Counts(40, 400, 7, 0));
        Disclosure disclosure = disclosure(PrivacySettings.defaults(), Map.of());

        PublishedLine shown = disclosure.publish(AccessTier.REGISTERED, "c", line(VARIANT, datasets, large, superPopulations), Set.of("1000G"));
        assertThat(shown.populations()).containsOnlyKeys("GBR", "FIN", "EUR");
        assertThat(shown.populations().get("FIN").alleleCount()).isEqualTo(ShownCount.exact(25));

        // public: 100 samples per population are enough (minimum 50), but FIN's 2 homozygotes are banded while the total is exact
        PublishedLine publicTier = disclosure.publish(AccessTier.PUBLIC, "c", line(VARIANT, datasets, large, superPopulations), Set.of("1000G"));
        assertThat(publicTier.populations()).containsOnlyKeys("EUR");

        Map<String, Counts> small = Map.of("GBR", new Counts(35, 380, 5, 0), "FIN", new Counts(5, 20, 2, 0));
        PublishedLine tooSmall = disclosure.publish(AccessTier.REGISTERED, "c",
                line(VARIANT, datasets, small, superPopulations),
                Set.of("1000G"));
        assertThat(tooSmall.populations()).as("FIN has 10 samples here, fewer than 20").containsOnlyKeys("EUR");

        PublishedLine remainder = disclosure.publish(AccessTier.REGISTERED, "c",
                line(VARIANT, datasets, Map.of("GBR", new Counts(35, 380, 5, 0)), superPopulations), Set.of("1000G"));
        assertThat(remainder.populations()).as("the 10 unlabelled samples could be worked out by subtraction").containsOnlyKeys("EUR");

        Map<String, Counts> twoDatasets = Map.of("1000G", new Counts(40, 400, 7, 0), "clinical", new Counts(5, 100, 0, 0));
        PublishedLine partlyVisible = disclosure.publish(AccessTier.REGISTERED, "c", line(VARIANT, twoDatasets, large, superPopulations),
                Set.of("1000G"));
        assertThat(partlyVisible.populations()).as("populations count a dataset the client may not see").isEmpty();
    }

    @Test
    void aSingletonIsWithheldWhereTheDefenceAppliesAndLooksExactlyLikeAnAbsentVariant() {
        Map<String, Counts> datasets = Map.of("cohort", new Counts(1, 2000, 0, 0));
        RegisterLine singleton = line(VARIANT, datasets, Map.of(), Map.of());
        Disclosure disclosure = disclosure(PrivacySettings.defaults(), Map.of(VARIANT, List.of(17L)));

        PublishedLine publicTier = disclosure.publish(AccessTier.PUBLIC, "c", singleton, Set.of("cohort"));
        PublishedLine absent = disclosure.publish(AccessTier.PUBLIC, "c",
                line(VARIANT, Map.of("cohort", new Counts(0, 2000, 0, 0)), Map.of(), Map.of()), Set.of("cohort"));
        assertThat(publicTier.exists()).isFalse();
        assertThat(publicTier).isEqualTo(absent);
        assertThat(publicTier.overall().alleleFrequency()).isEqualTo(OptionalDouble.of(0.0));
        assertThat(disclosure.publish(AccessTier.REGISTERED, "c", singleton, Set.of("cohort")).exists()).as("no defence by default").isTrue();
        PrivacySettings registeredDefended = PrivacySettings.fromProperties(Map.of("beacon.registered.membership-defence", "true"));
        assertThat(disclosure(registeredDefended, Map.of(VARIANT, List.of(17L))).publish(AccessTier.REGISTERED, "c", singleton, Set.of("cohort"))
                .exists()).isFalse();

        PublishedLine controlled = disclosure.publish(AccessTier.CONTROLLED, "c", singleton, Set.of("cohort"));
        assertThat(controlled.exists()).isTrue();
        assertThat(controlled.overall().alleleCount()).isEqualTo(ShownCount.exact(1));
        assertThat(disclosure.spent(17)).isZero();

        PublishedLine undefended = disclosure(withoutDefence(), Map.of(VARIANT, List.of(17L))).publish(AccessTier.PUBLIC, "c", singleton,
                Set.of("cohort"));
        assertThat(undefended.exists()).isTrue();
        assertThat(undefended.overall().alleleCount().text()).isEqualTo("1-4");
    }

    @Test
    void eachCarrierPaysOncePerAlleleUntilTheBudgetIsSpentAndAnswersNeverChange() {
        VariantKey first = new VariantKey(Assembly.GRCH38, "2", 100, "A", "G");
        VariantKey second = new VariantKey(Assembly.GRCH38, "2", 200, "A", "G");
        VariantKey third = new VariantKey(Assembly.GRCH38, "2", 300, "A", "G");
        VariantKey elsewhere = new VariantKey(Assembly.GRCH38, "2", 400, "A", "G");
        Map<VariantKey, List<Long>> carriers = Map.of(first, List.of(7L, 8L), second, List.of(7L, 9L), third, List.of(7L, 10L),
                elsewhere, List.of(11L, 12L));
        Disclosure disclosure = disclosure(PrivacySettings.fromProperties(Map.of("beacon.membership.individual-budget", "1.0")), carriers);
        Counts doubleton = new Counts(2, 2000, 0, 0);
        double cost = Disclosure.disclosureCost(doubleton);
        assertThat(cost).isCloseTo(-Math.log(1 - Math.pow(1 - 1.0 / 2000, 2000)), within(1e-12)).isCloseTo(0.459, within(0.001));

        assertThat(publish(disclosure, first, doubleton, "clinician")).isTrue();
        assertThat(publish(disclosure, first, doubleton, "someone-else")).as("asked again: no new cost").isTrue();
        assertThat(disclosure.spent(7)).isCloseTo(cost, within(1e-12));
        assertThat(publish(disclosure, second, doubleton, "attacker")).isTrue();
        assertThat(disclosure.spent(7)).isCloseTo(2 * cost, within(1e-12));
        assertThat(publish(disclosure, third, doubleton, "attacker")).as("sample 7 cannot pay a third time").isFalse();
        assertThat(disclosure.spent(10)).as("nobody pays for a withheld answer").isZero();
        assertThat(publish(disclosure, third, doubleton, "clinician")).as("withheld stays withheld").isFalse();
        assertThat(publish(disclosure, first, doubleton, "clinician")).as("disclosed stays disclosed").isTrue();
        assertThat(publish(disclosure, elsewhere, doubleton, "attacker")).isTrue();

        assertThat(publish(disclosure, elsewhere, new Counts(11, 2000, 0, 0), "x")).as("above the rare-allele count: free").isTrue();
    }

    @Test
    void withTheDefaultBudgetSingletonsAndDoubletonsAreNeverShownAndEachPersonsTripletonsTwice() {
        double budget = PrivacySettings.defaults().membership().individualBudget();
        assertThat(Disclosure.disclosureCost(new Counts(1, 2000, 0, 0))).isCloseTo(2.35, within(0.01)).isGreaterThan(budget);
        assertThat(Disclosure.disclosureCost(new Counts(2, 2000, 0, 0))).isGreaterThan(budget);
        assertThat(Disclosure.disclosureCost(new Counts(3, 2000, 0, 0))).isCloseTo(0.145, within(0.001));
        assertThat(Disclosure.disclosureCost(new Counts(4, 2000, 0, 0))).isCloseTo(0.051, within(0.001));

        Map<VariantKey, List<Long>> carriers = new java.util.HashMap<>();
        for (int position = 1; position <= 3; position++) {
            carriers.put(new VariantKey(Assembly.GRCH38, "3", position, "C", "T"), List.of(5L, 6L, 100L + position));
        }
        carriers.put(VARIANT, List.of(5L, 6L));
        Disclosure disclosure = disclosure(PrivacySettings.defaults(), carriers);
        Counts tripleton = new Counts(3, 2000, 0, 0);
        assertThat(publish(disclosure, VARIANT, new Counts(2, 2000, 0, 0), "c")).isFalse();
        assertThat(publish(disclosure, new VariantKey(Assembly.GRCH38, "3", 1, "C", "T"), tripleton, "c")).isTrue();
        assertThat(publish(disclosure, new VariantKey(Assembly.GRCH38, "3", 2, "C", "T"), tripleton, "c")).isTrue();
        assertThat(publish(disclosure, new VariantKey(Assembly.GRCH38, "3", 3, "C", "T"), tripleton, "c")).isFalse();
    }

    @Test
    void theCarriersAreLookedUpOncePerAlleleWhileItsCountsStayTheSame() {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        Disclosure disclosure = new Disclosure(PrivacySettings.defaults(), variant -> {
            lookups.incrementAndGet();
            return List.of(1L, 2L, 3L, 4L);
        }, Clock.systemUTC());
        for (int query = 0; query < 5; query++) {
            assertThat(publish(disclosure, VARIANT, new Counts(4, 2000, 0, 0), "c" + query)).isTrue();
        }
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(disclosure.spent(1)).isCloseTo(Disclosure.disclosureCost(new Counts(4, 2000, 0, 0)), within(1e-12));
        assertThat(publish(disclosure, VARIANT, new Counts(4, 2002, 0, 0), "c")).as("counts changed: asked again").isTrue();
        assertThat(lookups.get()).isEqualTo(2);
        assertThat(publish(disclosure, VARIANT, new Counts(40, 2002, 0, 0), "c")).as("not rare: not asked").isTrue();
        assertThat(lookups.get()).isEqualTo(2);
    }

    @Test
    void aRareAlleleWithoutKnownCarriersIsWithheld() {
        Disclosure disclosure = disclosure(PrivacySettings.defaults(), Map.of());
        assertThat(publish(disclosure, VARIANT, new Counts(3, 2000, 0, 0), "c")).isFalse();
    }

    private static boolean publish(Disclosure disclosure, VariantKey variant, Counts counts, String client) {
        RegisterLine line = new RegisterLine(variant, counts, Map.of(), Map.of(), Map.of("cohort", counts));
        return disclosure.publish(AccessTier.PUBLIC, client, line, Set.of("cohort")).exists();
    }
}
