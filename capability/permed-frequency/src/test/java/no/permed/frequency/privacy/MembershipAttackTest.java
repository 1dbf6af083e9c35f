package no.permed.frequency.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import no.permed.frequency.AccessTier;
import no.permed.frequency.AggregateConsent;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterLine;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The membership-inference attack of Shringarpure and Bustamante (2015) against the public tier, with and without the
 * defences (issue 7's target: with the defaults, the attacker's power at a 5 % false-positive rate is at most 0.1).
 *
 * <p>Cohort: {@code permed simulate}'s simulator over a 1000 Genomes chr22 panel; the first {@code members} simulated
 * samples are the register (a real {@link FrequencyRegister} over {@link InMemoryCohort}), the next {@code nonMembers}
 * are people of the same population who are not in it. The attacker holds each target's genotypes and the panel's
 * allele frequencies, asks about the target's ALT alleles rarest first (up to {@code queries} per target), and computes
 * the likelihood-ratio statistic of their paper (genotype error rate 1e-6, beacon size known). The threshold is the 95th
 * percentile of the non-members' statistics. Each target is attacked by its own client against a fresh defence state
 * (no budget spent before the attack: the worst case for the defence). A second statistic is reported, not asserted:
 * an attacker who knows the defence and counts the "present" answers before the first "absent" one.
 *
 * <p>The default suite runs a scaled-down attack (200 members, 200 non-members, 300 queries, a 2,000-record panel in
 * the repository). {@code bench/membership-attack.sh} runs the full one ({@code -Dpermed.attack.full=true}: 1,000
 * members, 1,000 non-members, 5,000 queries) and prints the figures.
 */
class MembershipAttackTest {
    private static final boolean FULL = Boolean.getBoolean("permed.attack.full");
    private static final int MEMBERS = Integer.getInteger("permed.attack.members", FULL ? 1_000 : 200);
    private static final int NON_MEMBERS = Integer.getInteger("permed.attack.nonmembers", FULL ? 1_000 : 200);
    private static final int QUERIES = Integer.getInteger("permed.attack.queries", FULL ? 5_000 : 300);
    private static final int SITES = Integer.getInteger("permed.attack.sites", FULL ? 160_000 : 12_000);
    /** Overrides beacon.membership.individual-budget in the defended scenarios (bench/membership-attack.sh --budget). */
    private static final String BUDGET = System.getProperty("permed.attack.budget", "");
    private static final Path PANEL = Path.of(System.getProperty("permed.attack.reference",
            "../../lib/permed-vcf/src/test/resources/data/1kg_phase3_chr22_2504samples_first2000.vcf.gz"));
    private static final double FALSE_POSITIVE_RATE = 0.05;
    private static final double GENOTYPE_ERROR = 1e-6;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path directory;

    private static SimulatedCohort cohort;
    private static FrequencyRegister register;
    /** Per target, the sites it carries an ALT allele at, rarest in the reference first, at most QUERIES. */
    private static int[][] alternates;
    /** Per site, the register's line (looked up once: the answers depend on the disclosure, not on the lookup). */
    private static List<Optional<RegisterLine>> lines;

    @BeforeAll
    static void simulate() {
        assertThat(Files.isRegularFile(PANEL)).as("reference panel %s", PANEL.toAbsolutePath()).isTrue();
        long started = System.nanoTime();
        cohort = SimulatedCohort.simulate(PANEL, directory, MEMBERS + NON_MEMBERS, SITES, 20261203L);
        register = FrequencyRegister.over(new InMemoryCohort(cohort, MEMBERS), AggregateConsent.EVERY_SAMPLE, CLOCK);
        register.refresh();
        alternates = new int[MEMBERS + NON_MEMBERS][];
        for (int target = 0; target < alternates.length; target++) {
            int[] all = cohort.alternatesRarestFirst(target);
            alternates[target] = Arrays.copyOf(all, Math.min(all.length, QUERIES));
        }
        lines = cohort.sites.stream().map(site -> register.lookup(site.key())).toList();
        System.out.printf(Locale.ROOT, "cohort: %d simulated samples x %d sites from %s (%d ms); register: %d members, %d variants%n",
                cohort.samples, cohort.sites.size(), PANEL.getFileName(), (System.nanoTime() - started) / 1_000_000, MEMBERS,
                register.status().variants());
    }

    @AfterAll
    static void close() {
        if (register != null) {
            register.close();
        }
    }

    @Test
    void theRegisterHoldsTheMembersCountsExactly() {
        int[] counts = cohort.alleleCounts(0, MEMBERS);
        int lines = 0;
        for (int index = 0; index < cohort.sites.size(); index++) {
            Optional<RegisterLine> line = register.lookup(cohort.sites.get(index).key());
            if (counts[index] == 0) {
                assertThat(line).isEmpty();
            } else {
                lines++;
                assertThat(line).isPresent();
                assertThat(line.get().overall().alleleCount()).isEqualTo(counts[index]);
                assertThat(line.get().overall().alleleNumber()).isEqualTo(2 * MEMBERS);
            }
        }
        assertThat(register.status().variants()).isEqualTo(lines);
        assertThat(register.status().countedSamples()).isEqualTo(MEMBERS);
    }

    @Test
    void theDefencesBringTheAttackersPowerToAtMostOneInTen() {
        PrivacySettings defaults = BUDGET.isEmpty() ? PrivacySettings.defaults()
                : PrivacySettings.fromProperties(java.util.Map.of("beacon.membership.individual-budget", BUDGET));
        PrivacySettings.TierRules publicRules = defaults.publicTier();
        PrivacySettings none = defaults.withTier(AccessTier.PUBLIC,
                publicRules.withMembershipDefence(false).withQueryBudget(Integer.MAX_VALUE, publicRules.queryWindow()));
        PrivacySettings riskBudgetOnly = defaults.withTier(AccessTier.PUBLIC,
                publicRules.withQueryBudget(Integer.MAX_VALUE, publicRules.queryWindow()));

        Outcome withoutDefences = attack("no defences", none);
        Outcome withDefaults = attack("defaults, one client per target", defaults);
        Outcome manyClients = attack("defaults without client budgets (many clients)", riskBudgetOnly);

        for (String budget : System.getProperty("permed.attack.explore", "").split(",")) {
            if (!budget.isBlank()) {
                PrivacySettings explored = riskBudgetOnly.withMembership(
                        new PrivacySettings.MembershipDefence(riskBudgetOnly.membership().rareAlleleCount(), Double.parseDouble(budget.strip())));
                attack("risk budget only, " + budget.strip() + " nats per person", explored);
            }
        }

        assertThat(withoutDefences.power()).as("power without defences").isGreaterThanOrEqualTo(0.8);
        assertThat(withDefaults.power()).as("power with the defaults").isLessThanOrEqualTo(0.1);
        assertThat(manyClients.power()).as("power with the risk budget alone").isLessThanOrEqualTo(0.1);
    }

    /** One scenario's figures. */
    record Outcome(double power, double adaptivePower, double meanAnswered) {
    }

    private static Outcome attack(String scenario, PrivacySettings settings) {
        long started = System.nanoTime();
        int targets = MEMBERS + NON_MEMBERS;
        double[] statistics = new double[targets];
        double[] leadingPresent = new double[targets];
        long answered = 0;
        for (int target = 0; target < targets; target++) {
            Disclosure disclosure = new Disclosure(settings, register::carriers, CLOCK);
            Set<String> visible = visibleDatasets(disclosure);
            String client = "attacker-" + target;
            int[] carried = alternates[target];
            double logLikelihoodRatio = 0;
            boolean run = true;
            int leading = 0;
            for (int query = 0; query < carried.length; query++) {
                try {
                    disclosure.charge(AccessTier.PUBLIC, client);
                } catch (PermedException spent) {
                    assertThat(spent.errorCode()).isEqualTo(FrequencyErrorCode.QUERY_BUDGET_SPENT);
                    break;
                }
                answered++;
                SimulatedCohort.Site site = cohort.sites.get(carried[query]);
                boolean present = lines.get(carried[query])
                        .map(line -> disclosure.publish(AccessTier.PUBLIC, client, line, visible).exists())
                        .orElse(false);
                logLikelihoodRatio += evidence(site.referenceFrequency(), present);
                if (run && present) {
                    leading++;
                } else {
                    run = false;
                }
            }
            statistics[target] = logLikelihoodRatio;
            leadingPresent[target] = leading;
        }
        double power = power(Arrays.copyOfRange(statistics, 0, MEMBERS), Arrays.copyOfRange(statistics, MEMBERS, targets));
        double adaptive = power(Arrays.copyOfRange(leadingPresent, 0, MEMBERS), Arrays.copyOfRange(leadingPresent, MEMBERS, targets));
        Outcome outcome = new Outcome(power, adaptive, (double) answered / targets);
        System.out.printf(Locale.ROOT, "%-48s power %.3f (likelihood-ratio test), %.3f (adaptive: present answers before the first"
                + " absent); %.0f answers per target; %d members, %d non-members, up to %d queries; %d ms%n", scenario, power, adaptive,
                outcome.meanAnswered(), MEMBERS, NON_MEMBERS, QUERIES, (System.nanoTime() - started) / 1_000_000);
        return outcome;
    }

    private static Set<String> visibleDatasets(Disclosure disclosure) {
        return register.datasets().stream().filter(dataset -> disclosure.exposes(AccessTier.PUBLIC, dataset))
                .map(DatasetSummary::name).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * One answer's contribution to Shringarpure and Bustamante's statistic, oriented so that larger means "member":
     * {@code log P(answer | in the beacon) - log P(answer | not in it)}, with {@code P(absent | not in) = (1-f)^2N} and
     * {@code P(absent | in) = delta (1-f)^(2N-2)}.
     */
    static double evidence(double frequency, boolean present) {
        double logAbsentOutside = 2.0 * MEMBERS * Math.log1p(-frequency);
        double logAbsentInside = Math.log(GENOTYPE_ERROR) + (2.0 * MEMBERS - 2) * Math.log1p(-frequency);
        if (present) {
            return Math.log1p(-Math.exp(logAbsentInside)) - Math.log(-Math.expm1(logAbsentOutside));
        }
        return logAbsentInside - logAbsentOutside;
    }

    /**
     * The power of the test that calls a target a member when its statistic exceeds the non-members' 95th percentile,
     * randomised at ties so that exactly 5 % of non-members are called members (Neyman-Pearson).
     */
    static double power(double[] members, double[] nonMembers) {
        double[] sorted = nonMembers.clone();
        Arrays.sort(sorted);
        int allowed = (int) Math.floor(FALSE_POSITIVE_RATE * sorted.length);
        double threshold = sorted[sorted.length - 1 - allowed];
        long above = Arrays.stream(nonMembers).filter(value -> value > threshold).count();
        long equal = Arrays.stream(nonMembers).filter(value -> value == threshold).count();
        double tieShare = equal == 0 ? 0 : Math.max(0, (FALSE_POSITIVE_RATE * nonMembers.length - above) / equal);
        long membersAbove = Arrays.stream(members).filter(value -> value > threshold).count();
        long membersEqual = Arrays.stream(members).filter(value -> value == threshold).count();
        return (membersAbove + tieShare * membersEqual) / members.length;
    }
}
