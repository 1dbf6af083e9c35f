package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import no.permed.prs.match.MatchResult;
import no.permed.prs.score.ScoreHeader;

/**
 * The scores of all samples of one target for one score.
 *
 * @param scoreId the score's identifier ({@code #pgs_id}, else the file name)
 * @param header the scoring file's header, for its licence ({@link ScoreHeader#licenseOrDefault()}) and citation
 * @param match every row's match and the match report
 * @param missingGenotypes how missing calls were handled
 * @param samples one per target sample, in the target's column order
 */
public record ScoreResult(String scoreId, ScoreHeader header, MatchResult match, MissingGenotypes missingGenotypes,
        List<SampleScore> samples) {
    public ScoreResult {
        requireNonNull(scoreId, "scoreId is null");
        requireNonNull(header, "header is null");
        requireNonNull(match, "match is null");
        requireNonNull(missingGenotypes, "missingGenotypes is null");
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
    }
}
