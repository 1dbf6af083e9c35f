package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import no.permed.frequency.AccessTier;

/**
 * The privacy rules of each access tier and of the membership-inference defence, with a stable configuration key for
 * every setting ({@link #KEYS}; docs/privacy.md explains each one and why its default is what it is).
 *
 * <p>Start from {@link #defaults()} or {@link #fromProperties(Map)}; both validate, and every error names the
 * configuration key and the bad value.
 *
 * @param publicTier the rules for anonymous callers ({@code beacon.public.*})
 * @param registered the rules for authenticated users ({@code beacon.registered.*})
 * @param controlled the rules for users holding a permit ({@code beacon.controlled.*})
 * @param membership the per-person risk budget against membership inference ({@code beacon.membership.*})
 * @param maximumClients how many clients' query counts are held at most ({@code beacon.query-budget.maximum-clients});
 *     beyond it the clients seen longest ago are forgotten first
 */
public record PrivacySettings(TierRules publicTier, TierRules registered, TierRules controlled, MembershipDefence membership,
        int maximumClients) {

    /** The smallest value of {@code beacon.query-budget.maximum-clients}. */
    public static final int MINIMUM_CLIENTS = 100;
    /** The longest query window: budgets are meant for days, not months. */
    public static final Duration MAXIMUM_WINDOW = Duration.ofDays(31);

    /** Every configuration key, in documentation order. */
    public static final Set<String> KEYS = keys();

    public PrivacySettings {
        requireNonNull(publicTier, "publicTier is null");
        requireNonNull(registered, "registered is null");
        requireNonNull(controlled, "controlled is null");
        requireNonNull(membership, "membership is null");
        validate("public", publicTier);
        validate("registered", registered);
        validate("controlled", controlled);
        if (publicTier.sampleLevel()) {
            throw new IllegalArgumentException("beacon.public.sample-level must be false: the public tier never shows sample-level data");
        }
        if (membership.rareAlleleCount() < 1 || membership.rareAlleleCount() > 1_000) {
            throw new IllegalArgumentException("beacon.membership.rare-allele-count must be between 1 and 1000 but is "
                    + membership.rareAlleleCount());
        }
        if (!(membership.individualBudget() > 0) || Double.isInfinite(membership.individualBudget())) {
            throw new IllegalArgumentException("beacon.membership.individual-budget must be a number above 0 but is "
                    + membership.individualBudget());
        }
        if (maximumClients < MINIMUM_CLIENTS) {
            throw new IllegalArgumentException("beacon.query-budget.maximum-clients must be at least " + MINIMUM_CLIENTS + " but is "
                    + maximumClients);
        }
    }

    /**
     * The rules of one tier.
     *
     * @param minimumSamples a dataset is shown only with at least this many counted samples; a population breakdown
     *     only when every population in it has at least this many called samples at the site
     * @param bandBelow counts from 1 to {@code bandBelow - 1} are shown as the band {@code 1-(bandBelow-1)}; 0 shows
     *     every count exactly
     * @param sampleLevel whether record-level data (individuals, biosamples) may be shown
     * @param queryBudget queries one client may make per {@code queryWindow}
     * @param queryWindow the length of the sliding window of the query budget
     * @param membershipDefence whether the per-person risk budget applies to this tier's answers
     */
    public record TierRules(int minimumSamples, int bandBelow, boolean sampleLevel, int queryBudget, Duration queryWindow,
            boolean membershipDefence) {
        public TierRules {
            requireNonNull(queryWindow, "queryWindow is null");
        }

        public TierRules withMinimumSamples(int newMinimumSamples) {
            return new TierRules(newMinimumSamples, bandBelow, sampleLevel, queryBudget, queryWindow, membershipDefence);
        }

        public TierRules withBandBelow(int newBandBelow) {
            return new TierRules(minimumSamples, newBandBelow, sampleLevel, queryBudget, queryWindow, membershipDefence);
        }

        public TierRules withQueryBudget(int newQueryBudget, Duration newQueryWindow) {
            return new TierRules(minimumSamples, bandBelow, sampleLevel, newQueryBudget, newQueryWindow, membershipDefence);
        }

        public TierRules withMembershipDefence(boolean newMembershipDefence) {
            return new TierRules(minimumSamples, bandBelow, sampleLevel, queryBudget, queryWindow, newMembershipDefence);
        }
    }

    /**
     * The per-person risk budget (after Raisaro et al. 2017): the first disclosure of a rare allele's presence costs
     * each of its carriers the information it gives a membership attacker; a person whose budget would be overspent is
     * not disclosed, and the allele is answered as absent.
     *
     * @param rareAlleleCount an allele counts as rare, and its disclosure costs its carriers, when its allele count is at
     *     most this
     * @param individualBudget the information, in nats, that may be disclosed about one person over the register's life
     */
    public record MembershipDefence(int rareAlleleCount, double individualBudget) {
    }

    /**
     * The defaults (docs/privacy.md): public datasets from 50 samples, counts 1–4 as {@code 1-4}, 1,000 queries per
     * client per 24 hours, defence on; registered (authenticated and audited) from 20 samples, exact counts, 10,000
     * queries per 24 hours, defence off; controlled from 1 sample, exact counts, sample-level data, 100,000 queries per
     * 24 hours, defence off; rare alleles up to AC 10, 0.3 nats per person (so that singletons and doubletons are never
     * shown where the defence applies); 100,000 clients held.
     */
    public static PrivacySettings defaults() {
        Duration day = Duration.ofHours(24);
        return new PrivacySettings(
                new TierRules(50, 5, false, 1_000, day, true),
                new TierRules(20, 0, false, 10_000, day, false),
                new TierRules(1, 0, true, 100_000, day, false),
                new MembershipDefence(10, 0.3),
                100_000);
    }

    /** The rules of {@code tier}. */
    public TierRules tier(AccessTier tier) {
        return switch (requireNonNull(tier, "tier is null")) {
            case PUBLIC -> publicTier;
            case REGISTERED -> registered;
            case CONTROLLED -> controlled;
        };
    }

    public PrivacySettings withTier(AccessTier tier, TierRules rules) {
        return switch (requireNonNull(tier, "tier is null")) {
            case PUBLIC -> new PrivacySettings(rules, registered, controlled, membership, maximumClients);
            case REGISTERED -> new PrivacySettings(publicTier, rules, controlled, membership, maximumClients);
            case CONTROLLED -> new PrivacySettings(publicTier, registered, rules, membership, maximumClients);
        };
    }

    public PrivacySettings withMembership(MembershipDefence newMembership) {
        return new PrivacySettings(publicTier, registered, controlled, newMembership, maximumClients);
    }

    public PrivacySettings withMaximumClients(int newMaximumClients) {
        return new PrivacySettings(publicTier, registered, controlled, membership, newMaximumClients);
    }

    /**
     * The defaults with the keys given overridden. Integers are decimal, booleans {@code true} or {@code false},
     * durations ISO-8601 ({@code PT24H}) or a number with {@code s}, {@code m}, {@code h} or {@code d} ({@code 24h}).
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    public static PrivacySettings fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        Map<String, String> sorted = new TreeMap<>(properties);
        for (String key : sorted.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown privacy setting " + key + "; the settings are " + String.join(", ", KEYS));
            }
        }
        PrivacySettings settings = defaults();
        TierRules[] tiers = {settings.publicTier, settings.registered, settings.controlled};
        String[] names = {"public", "registered", "controlled"};
        for (int index = 0; index < tiers.length; index++) {
            String prefix = "beacon." + names[index] + ".";
            TierRules rules = tiers[index];
            tiers[index] = new TierRules(
                    value(sorted, prefix + "minimum-samples", rules.minimumSamples(), PrivacySettings::integer),
                    value(sorted, prefix + "band-below", rules.bandBelow(), PrivacySettings::integer),
                    value(sorted, prefix + "sample-level", rules.sampleLevel(), PrivacySettings::bool),
                    value(sorted, prefix + "query-budget", rules.queryBudget(), PrivacySettings::integer),
                    value(sorted, prefix + "query-window", rules.queryWindow(), PrivacySettings::duration),
                    value(sorted, prefix + "membership-defence", rules.membershipDefence(), PrivacySettings::bool));
        }
        MembershipDefence membership = new MembershipDefence(
                value(sorted, "beacon.membership.rare-allele-count", settings.membership.rareAlleleCount(), PrivacySettings::integer),
                value(sorted, "beacon.membership.individual-budget", settings.membership.individualBudget(), PrivacySettings::decimal));
        int maximumClients = value(sorted, "beacon.query-budget.maximum-clients", settings.maximumClients, PrivacySettings::integer);
        return new PrivacySettings(tiers[0], tiers[1], tiers[2], membership, maximumClients);
    }

    private static void validate(String tier, TierRules rules) {
        String prefix = "beacon." + tier + ".";
        if (rules.minimumSamples() < 1 || rules.minimumSamples() > 1_000_000) {
            throw new IllegalArgumentException(prefix + "minimum-samples must be between 1 and 1000000 but is " + rules.minimumSamples());
        }
        if (rules.bandBelow() == 1 || rules.bandBelow() < 0 || rules.bandBelow() > 1_000) {
            throw new IllegalArgumentException(prefix + "band-below must be 0 (exact counts) or between 2 and 1000 but is "
                    + rules.bandBelow());
        }
        if (rules.queryBudget() < 1) {
            throw new IllegalArgumentException(prefix + "query-budget must be at least 1 but is " + rules.queryBudget());
        }
        if (rules.queryWindow().compareTo(Duration.ofSeconds(1)) < 0 || rules.queryWindow().compareTo(MAXIMUM_WINDOW) > 0) {
            throw new IllegalArgumentException(prefix + "query-window must be between 1 second and 31 days but is " + rules.queryWindow());
        }
    }

    private static <T> T value(Map<String, String> properties, String key, T fallback, Function<String, T> parser) {
        String text = properties.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text.strip());
        } catch (IllegalArgumentException | DateTimeParseException exception) {
            throw new IllegalArgumentException(key + " is not valid: " + exception.getMessage(), exception);
        }
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException exception) {
            throw new IllegalArgumentException("expected a whole number but got '" + text + "'");
        }
    }

    private static Double decimal(String text) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException exception) {
            throw new IllegalArgumentException("expected a number but got '" + text + "'");
        }
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false but got '" + text + "'");
        };
    }

    private static Duration duration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException exception) {
                throw new IllegalArgumentException("expected a duration such as PT24H or 24h but got '" + text + "'");
            }
        }
        if (text.length() < 2) {
            throw new IllegalArgumentException("expected a duration such as PT24H or 24h but got '" + text + "'");
        }
        char unit = Character.toLowerCase(text.charAt(text.length() - 1));
        long amount;
        try {
            amount = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException exception) {
            throw new IllegalArgumentException("expected a duration such as PT24H or 24h but got '" + text + "'");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("expected a duration such as PT24H or 24h but got '" + text + "'");
        };
    }

    private static Set<String> keys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (String tier : new String[] {"public", "registered", "controlled"}) {
            for (String setting : new String[] {"minimum-samples", "band-below", "sample-level", "query-budget", "query-window",
                "membership-defence"}) {
                keys.put("beacon." + tier + "." + setting, true);
            }
        }
        keys.put("beacon.membership.rare-allele-count", true);
        keys.put("beacon.membership.individual-budget", true);
        keys.put("beacon.query-budget.maximum-clients", true);
        return Collections.unmodifiableSet(keys.keySet());
    }
}
