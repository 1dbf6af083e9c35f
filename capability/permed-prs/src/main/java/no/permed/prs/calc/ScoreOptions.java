package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import no.permed.prs.match.MatchOptions;

/**
 * How {@link VcfScorer} matches and scores. Start from {@link #defaults()}.
 *
 * @param match the matching rules (pgsc_calc's defaults)
 * @param missingGenotypes what missing calls contribute (mean imputation by default, as plink2)
 */
public record ScoreOptions(MatchOptions match, MissingGenotypes missingGenotypes) {
    public ScoreOptions {
        requireNonNull(match, "match is null");
        requireNonNull(missingGenotypes, "missingGenotypes is null");
    }

    public static ScoreOptions defaults() {
        return new ScoreOptions(MatchOptions.defaults(), MissingGenotypes.MEAN_IMPUTATION);
    }

    public ScoreOptions withMatch(MatchOptions newMatch) {
        return new ScoreOptions(newMatch, missingGenotypes);
    }

    public ScoreOptions withMissingGenotypes(MissingGenotypes newMissingGenotypes) {
        return new ScoreOptions(match, newMissingGenotypes);
    }
}
