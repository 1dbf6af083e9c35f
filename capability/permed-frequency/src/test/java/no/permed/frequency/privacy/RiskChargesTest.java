package no.permed.frequency.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.db.Database;
import no.permed.frequency.AccessTier;
import no.permed.frequency.Counts;
import no.permed.frequency.RegisterLine;
import no.permed.frequency.RiskChargeStore;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

/** The membership defence's charges in PostgreSQL: a restart (a new Disclosure on the same database) keeps every budget spent. */
class RiskChargesTest {
    private static final VariantKey FIRST = new VariantKey(Assembly.GRCH38, "3", 100, "A", "G");
    private static final VariantKey SECOND = new VariantKey(Assembly.GRCH38, "3", 200, "C", "T");
    private static final VariantKey THIRD = new VariantKey(Assembly.GRCH38, "3", 300, "G", "A");
    private static final Map<VariantKey, List<Long>> CARRIERS = Map.of(FIRST, List.of(7L, 8L), SECOND, List.of(7L, 9L),
            THIRD, List.of(7L, 10L));
    private static final Counts DOUBLETON = new Counts(2, 2000, 0, 0);

    private static Disclosure open(Database database) {
        PrivacySettings settings = PrivacySettings.fromProperties(Map.of("beacon.membership.individual-budget", "1.0"));
        return new Disclosure(settings, variant -> CARRIERS.getOrDefault(variant, List.of()), RiskChargeStore.open(database,
                Clock.systemUTC()), Clock.systemUTC());
    }

    private static boolean publish(Disclosure disclosure, VariantKey variant) {
        RegisterLine line = new RegisterLine(variant, DOUBLETON, Map.of(), Map.of(), Map.of("cohort", DOUBLETON));
        return disclosure.publish(AccessTier.PUBLIC, "attacker", line, Set.of("cohort")).exists();
    }

    @Test
    void aRestartKeepsTheBudgetsSpent() {
        try (Database database = SharedPostgres.freshDatabase()) {
            double cost = Disclosure.disclosureCost(DOUBLETON);
            Disclosure before = open(database);
            assertThat(publish(before, FIRST)).isTrue();
            assertThat(publish(before, SECOND)).isTrue();
            assertThat(before.spent(7)).isCloseTo(2 * cost, within(1e-12));

            // as after a restart: the charges are read back, sample 7 still cannot pay a third time
            Disclosure after = open(database);
            assertThat(after.spent(7)).isCloseTo(2 * cost, within(1e-12));
            assertThat(after.spent(8)).isCloseTo(cost, within(1e-12));
            assertThat(publish(after, FIRST)).as("disclosed before: still disclosed, no new charge").isTrue();
            assertThat(after.spent(8)).isCloseTo(cost, within(1e-12));
            assertThat(publish(after, THIRD)).isFalse();
            assertThat(after.spent(10)).isZero();

            // with the charges in memory only, the restart would have forgotten them
            Disclosure forgetful = new Disclosure(PrivacySettings.fromProperties(Map.of("beacon.membership.individual-budget", "1.0")),
                    variant -> CARRIERS.getOrDefault(variant, List.of()), Clock.systemUTC());
            assertThat(publish(forgetful, THIRD)).isTrue();
        }
    }
}
