package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import no.permed.frequency.AccessTier;
import no.permed.frequency.Counts;
import no.permed.frequency.DatasetSummary;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterLine;
import no.permed.kernel.PermedException;
import no.permed.vcf.normalise.VariantKey;

/**
 * The one place that turns the register's exact counts into what a client of a tier is shown (docs/privacy.md).
 * Thread-safe.
 *
 * <p>The rules, per tier ({@link PrivacySettings}): datasets below a minimum size are not shown; small counts are shown
 * as a band; no breakdown (per dataset, per population) is shown that would let a banded count or a group below the
 * minimum size be worked out by subtraction; record-level data only where the tier allows it; a query budget per
 * client; and, against membership inference (Shringarpure and Bustamante 2015), a per-person risk budget: the first
 * disclosure of a rare allele costs each of its carriers the information a "present" answer gives an attacker, and an
 * allele whose carriers cannot pay is answered exactly as an absent one (not present, count 0).
 */
public final class Disclosure {
    private final PrivacySettings settings;
    private final Function<VariantKey, List<Long>> carriers;
    private final QueryBudgets budgets;
    private final RiskLedger ledger;

    /**
     * @param carriers the counted carriers' sample ids of a variant ({@link FrequencyRegister#carriers}); asked only for
     *     rare alleles at a tier with the membership defence, and once per allele while its counts stay the same
     * @param clock the time of the query budgets' windows
     */
    public Disclosure(PrivacySettings settings, Function<VariantKey, List<Long>> carriers, Clock clock) {
        this(settings, carriers, RiskCharges.IN_MEMORY, clock);
    }

    /**
     * @param charges where the membership defence's charges are kept (read now, written before each answer that charges)
     */
    public Disclosure(PrivacySettings settings, Function<VariantKey, List<Long>> carriers, RiskCharges charges, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.carriers = requireNonNull(carriers, "carriers is null");
        this.budgets = new QueryBudgets(settings, requireNonNull(clock, "clock is null"));
        this.ledger = new RiskLedger(settings.membership().individualBudget(), requireNonNull(charges, "charges is null"));
    }

    /** The rules of {@code settings} over {@code register}'s carriers, with the system clock; charges in memory only. */
    public static Disclosure over(FrequencyRegister register, PrivacySettings settings) {
        return over(register, settings, RiskCharges.IN_MEMORY);
    }

    /** The rules of {@code settings} over {@code register}'s carriers, with the system clock; charges kept in {@code charges}. */
    public static Disclosure over(FrequencyRegister register, PrivacySettings settings, RiskCharges charges) {
        requireNonNull(register, "register is null");
        return new Disclosure(settings, register::carriers, charges, Clock.systemUTC());
    }

    /** The settings in force. */
    public PrivacySettings settings() {
        return settings;
    }

    /**
     * Charges one query of {@code client} (a user id, or the address of an anonymous caller) at {@code tier}.
     *
     * @throws no.permed.kernel.PermedException {@code FREQUENCY_QUERY_BUDGET_SPENT} (429) when the client's budget for the
     *     current window is spent; details name {@code retryAfterSeconds}
     */
    public void charge(AccessTier tier, String client) {
        charge(tier, client, 1);
    }

    /**
     * Charges {@code queries} queries at once (e.g. one per variant a range query returns); all or none are counted.
     *
     * @throws no.permed.kernel.PermedException {@code FREQUENCY_QUERY_BUDGET_SPENT} as {@link #charge(AccessTier, String)}
     */
    public void charge(AccessTier tier, String client, int queries) {
        requireNonNull(tier, "tier is null");
        requireNonNull(client, "client is null");
        if (queries < 1) {
            throw new IllegalArgumentException("queries must be at least 1 but is " + queries);
        }
        long retryAfter = budgets.charge(tier, client, queries);
        if (retryAfter > 0) {
            PrivacySettings.TierRules rules = settings.tier(tier);
            throw new PermedException(FrequencyErrorCode.QUERY_BUDGET_SPENT, "the query budget of the " + tier.name().toLowerCase(Locale.ROOT)
                    + " tier (" + rules.queryBudget() + " queries per " + rules.queryWindow() + ") is spent; try again in " + retryAfter
                    + " seconds", Map.of("retryAfterSeconds", retryAfter));
        }
    }

    /** Whether {@code dataset} is shown at all at {@code tier}: it has at least the tier's minimum of counted samples. */
    public boolean exposes(AccessTier tier, DatasetSummary dataset) {
        requireNonNull(dataset, "dataset is null");
        return dataset.totalSamples() >= settings.tier(tier).minimumSamples();
    }

    /** Whether record-level data (individuals, biosamples, case-level data) may be shown at {@code tier}. */
    public boolean sampleLevel(AccessTier tier) {
        return settings.tier(tier).sampleLevel();
    }

    /**
     * The line as {@code client} at {@code tier} is shown it, counting only the datasets named in {@code visibleDatasets}
     * (the caller has already applied {@link #exposes} and, for CONTROLLED, the permits).
     *
     * <p>{@code exists} is true exactly when the overall allele count shown is above 0. A line the membership defence
     * withholds is shown as the same line with every allele and homozygote count 0: the caller must answer for it
     * exactly as for a variant the register does not hold (docs/privacy.md). {@code client} does not change the answer:
     * the risk budget is per person, not per client, so that many clients learn no more than one.
     */
    public PublishedLine publish(AccessTier tier, String client, RegisterLine line, Set<String> visibleDatasets) {
        requireNonNull(tier, "tier is null");
        requireNonNull(client, "client is null");
        requireNonNull(line, "line is null");
        requireNonNull(visibleDatasets, "visibleDatasets is null");
        PrivacySettings.TierRules rules = settings.tier(tier);

        Map<String, Counts> datasets = new TreeMap<>();
        int alleleCount = 0;
        int alleleNumber = 0;
        int homozygotes = 0;
        int hemizygotes = 0;
        for (Map.Entry<String, Counts> entry : line.datasets().entrySet()) {
            if (visibleDatasets.contains(entry.getKey())) {
                Counts counts = entry.getValue();
                datasets.put(entry.getKey(), counts);
                alleleCount += counts.alleleCount();
                alleleNumber += counts.alleleNumber();
                homozygotes += counts.homozygotes();
                hemizygotes += counts.hemizygotes();
            }
        }
        Counts overall = new Counts(alleleCount, alleleNumber, homozygotes, hemizygotes);
        boolean everyContributorVisible = datasets.keySet().containsAll(line.datasets().keySet());

        boolean withheld = false;
        if (rules.membershipDefence() && overall.alleleCount() > 0
                && overall.alleleCount() <= settings.membership().rareAlleleCount()) {
            Boolean decided = ledger.decided(line.variant(), overall);
            boolean disclosed = decided != null ? decided
                    : ledger.disclose(line.variant(), overall, carriers.apply(line.variant()), disclosureCost(overall));
            withheld = !disclosed;
        }
        if (withheld) {
            overall = absent(overall);
            datasets.replaceAll((name, counts) -> absent(counts));
        }

        int bandBelow = rules.bandBelow();
        Map<String, PublishedCounts> shownDatasets = breakdown(overall, datasets, bandBelow, 1) ? publishAll(datasets, bandBelow) : Map.of();
        Map<String, PublishedCounts> shownPopulations = new TreeMap<>();
        if (everyContributorVisible) {
            int minimumAlleles = 2 * rules.minimumSamples();
            Map<String, Counts> populations = withheld ? absentAll(line.populations()) : line.populations();
            Map<String, Counts> superPopulations = withheld ? absentAll(line.superPopulations()) : line.superPopulations();
            if (breakdown(overall, populations, bandBelow, minimumAlleles)) {
                shownPopulations.putAll(publishAll(populations, bandBelow));
            }
            if (breakdown(overall, superPopulations, bandBelow, minimumAlleles)) {
                shownPopulations.putAll(publishAll(superPopulations, bandBelow));
            }
        }
        return new PublishedLine(line.variant(), overall.alleleCount() > 0, PublishedCounts.of(overall, bandBelow), shownPopulations,
                shownDatasets);
    }

    /** The information, in nats, disclosed so far about one counted sample (for tests). */
    double spent(long sampleId) {
        return ledger.spent(sampleId);
    }

    /**
     * What a "present" answer tells a membership attacker about each carrier: {@code -ln q}, where {@code q} is the
     * chance that a cohort of this size would hold the allele without that carrier, {@code q = 1 - (1 - f)^AN}, with
     * the frequency {@code f} estimated without one carrier, {@code f = max(AC - 1, 0.1) / AN}: about 2.35 nats for a
     * singleton, 0.46 for AC 2 (both more than the default budget of 0.3: never shown where the defence applies), 0.15
     * for AC 3, 0.05 for AC 4, 0.02 for AC 5. Estimating without one carrier matters: the register's own AC includes the
     * person at risk, and with it the cost of a singleton would be 0.46 and an attacker's gain about twice that.
     */
    static double disclosureCost(Counts overall) {
        if (overall.alleleNumber() == 0) {
            return 0;
        }
        double others = Math.max(overall.alleleCount() - 1, 0.1);
        double frequency = Math.min(others / overall.alleleNumber(), 1 - 1e-12);
        double absentEverywhere = Math.exp(overall.alleleNumber() * Math.log1p(-frequency));
        return -Math.log(Math.max(1e-300, 1 - absentEverywhere));
    }

    /**
     * Whether a breakdown of {@code total} into {@code parts} may be shown: every part with called alleles has at least
     * {@code minimumAlleles}, and so has the remainder (the total's samples in no part), and no part or remainder is
     * banded while the total is exact (it could be worked out by subtraction).
     */
    static boolean breakdown(Counts total, Map<String, Counts> parts, int bandBelow, int minimumAlleles) {
        if (parts.isEmpty()) {
            return true;
        }
        int alleleCount = total.alleleCount();
        int alleleNumber = total.alleleNumber();
        int homozygotes = total.homozygotes();
        for (Counts part : parts.values()) {
            if (!acceptable(part.alleleNumber(), part.alleleCount(), part.homozygotes(), total, bandBelow, minimumAlleles)) {
                return false;
            }
            alleleCount -= part.alleleCount();
            alleleNumber -= part.alleleNumber();
            homozygotes -= part.homozygotes();
        }
        if (alleleCount < 0 || alleleNumber < 0 || homozygotes < 0) {
            return false;
        }
        return acceptable(alleleNumber, alleleCount, homozygotes, total, bandBelow, minimumAlleles);
    }

    private static boolean acceptable(int alleleNumber, int alleleCount, int homozygotes, Counts total, int bandBelow, int minimumAlleles) {
        if (alleleNumber == 0 && alleleCount == 0) {
            return true;
        }
        if (alleleNumber < minimumAlleles) {
            return false;
        }
        boolean totalCountBanded = ShownCount.banded(total.alleleCount(), bandBelow);
        boolean totalHomozygotesBanded = ShownCount.banded(total.homozygotes(), bandBelow);
        return (totalCountBanded || !ShownCount.banded(alleleCount, bandBelow))
                && (totalHomozygotesBanded || !ShownCount.banded(homozygotes, bandBelow));
    }

    private static Map<String, PublishedCounts> publishAll(Map<String, Counts> groups, int bandBelow) {
        Map<String, PublishedCounts> published = new TreeMap<>();
        groups.forEach((name, counts) -> published.put(name, PublishedCounts.of(counts, bandBelow)));
        return published;
    }

    private static Counts absent(Counts counts) {
        return new Counts(0, counts.alleleNumber(), 0, 0);
    }

    private static Map<String, Counts> absentAll(Map<String, Counts> groups) {
        Map<String, Counts> absent = new TreeMap<>();
        groups.forEach((name, counts) -> absent.put(name, absent(counts)));
        return absent;
    }
}
