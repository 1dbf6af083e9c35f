package no.permed.prs.match;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import no.permed.prs.score.ScoreVariant;

/**
 * The fate of one score row.
 *
 * @param variant the score row
 * @param outcome matched, excluded (and why) or unmatched
 * @param type the best match type, when the row matched a site (also for excluded rows)
 * @param site the best-matching target site, when there is one
 * @param effectAlleleIndex the index of the effect allele in the site (0 = REF, 1… = ALT), or -1 without a site
 * @param duplicateBestMatch whether the row had more than one best match of the same type (the first was kept)
 */
public record VariantMatch(
        ScoreVariant variant, MatchOutcome outcome, Optional<MatchType> type, Optional<TargetSite> site, int effectAlleleIndex,
        boolean duplicateBestMatch) {
    public VariantMatch {
        requireNonNull(variant, "variant is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(type, "type is null");
        requireNonNull(site, "site is null");
        if (site.isPresent() != type.isPresent() || site.isPresent() != effectAlleleIndex >= 0) {
            throw new IllegalArgumentException("type, site and effect allele index go together (row " + variant.row() + ")");
        }
        if (outcome != MatchOutcome.UNMATCHED && site.isEmpty()) {
            throw new IllegalArgumentException(outcome + " needs a site (row " + variant.row() + ")");
        }
    }

    /** A row that matched nothing. */
    public static VariantMatch unmatched(ScoreVariant variant) {
        return new VariantMatch(variant, MatchOutcome.UNMATCHED, Optional.empty(), Optional.empty(), -1, false);
    }

    public boolean isMatched() {
        return outcome == MatchOutcome.MATCHED;
    }
}
