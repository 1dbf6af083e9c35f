package no.permed.prs.match;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per outcome and per match type for one score against one target, as pgsc_calc's match summary.
 *
 * @param scoreId the score's identifier
 * @param total the number of score rows
 * @param outcomes the number of rows per outcome (every outcome present, zero when none)
 * @param matchTypes the number of matched rows per best match type
 * @param duplicateBestMatches rows that had several equally good matches (the first was kept)
 * @param duplicatedRows rows the scoring file marks as duplicated
 * @param minimumOverlap the share of rows that had to match
 */
public record MatchReport(String scoreId, int total, Map<MatchOutcome, Integer> outcomes, Map<MatchType, Integer> matchTypes,
        int duplicateBestMatches, int duplicatedRows, double minimumOverlap) {
    public MatchReport {
        requireNonNull(scoreId, "scoreId is null");
        outcomes = Collections.unmodifiableMap(new EnumMap<>(requireNonNull(outcomes, "outcomes is null")));
        matchTypes = Collections.unmodifiableMap(new EnumMap<>(requireNonNull(matchTypes, "matchTypes is null")));
    }

    /** Counts the outcomes of {@code matches}. */
    public static MatchReport of(String scoreId, List<VariantMatch> matches, double minimumOverlap) {
        Map<MatchOutcome, Integer> outcomes = new EnumMap<>(MatchOutcome.class);
        for (MatchOutcome outcome : MatchOutcome.values()) {
            outcomes.put(outcome, 0);
        }
        Map<MatchType, Integer> types = new EnumMap<>(MatchType.class);
        int duplicateBest = 0;
        int duplicated = 0;
        for (VariantMatch match : matches) {
            outcomes.merge(match.outcome(), 1, Integer::sum);
            if (match.isMatched()) {
                types.merge(match.type().orElseThrow(), 1, Integer::sum);
            }
            if (match.duplicateBestMatch()) {
                duplicateBest++;
            }
            if (match.variant().duplicated()) {
                duplicated++;
            }
        }
        return new MatchReport(scoreId, matches.size(), outcomes, types, duplicateBest, duplicated, minimumOverlap);
    }

    public int count(MatchOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public int matched() {
        return count(MatchOutcome.MATCHED);
    }

    public int unmatched() {
        return count(MatchOutcome.UNMATCHED);
    }

    /** All excluded rows, whatever the reason. */
    public int excluded() {
        return total - matched() - unmatched();
    }

    /** matched ÷ total (0 for an empty score). */
    public double matchRate() {
        return total == 0 ? 0 : (double) matched() / total;
    }

    /** Whether the match rate reaches {@link #minimumOverlap()}. */
    public boolean passed() {
        return total > 0 && matchRate() >= minimumOverlap;
    }

    /** One line for logs and the CLI, e.g. {@code PGS001229: 782 of 835 matched (93.65 %), 47 excluded, 6 unmatched}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %d of %d matched (%.2f %%), %d excluded (%d ambiguous, %d multi-allelic, "
                + "%d duplicate, %d strand flip), %d unmatched", scoreId, matched(), total, 100 * matchRate(), excluded(),
                count(MatchOutcome.EXCLUDED_AMBIGUOUS), count(MatchOutcome.EXCLUDED_MULTIALLELIC), count(MatchOutcome.EXCLUDED_DUPLICATE),
                count(MatchOutcome.EXCLUDED_FLIP), unmatched());
    }
}
