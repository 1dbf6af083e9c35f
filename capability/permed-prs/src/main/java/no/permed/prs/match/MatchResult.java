package no.permed.prs.match;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;

/**
 * Every score row's match, in row order, and the counts.
 *
 * @param fileName the scoring file's name, for messages
 * @param matches one per score row, in row order
 * @param report the counts
 */
public record MatchResult(String fileName, List<VariantMatch> matches, MatchReport report) {
    public MatchResult {
        requireNonNull(fileName, "fileName is null");
        matches = List.copyOf(requireNonNull(matches, "matches is null"));
        requireNonNull(report, "report is null");
    }

    /** The rows that are scored. */
    public List<VariantMatch> matched() {
        return matches.stream().filter(VariantMatch::isMatched).toList();
    }

    /**
     * Returns this result when the match rate reaches the minimum, else throws {@code PRS_MATCH_RATE_TOO_LOW} with
     * the counts.
     */
    public MatchResult requirePassed() {
        if (report.passed()) {
            return this;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", fileName);
        details.put("score", report.scoreId());
        details.put("total", report.total());
        details.put("matched", report.matched());
        details.put("excluded", report.excluded());
        details.put("unmatched", report.unmatched());
        details.put("minimumOverlap", report.minimumOverlap());
        String message = String.format(java.util.Locale.ROOT, "%s: only %d of the %d variants of score %s matched the target "
                + "(%.2f %%; %d excluded, %d unmatched), and at least %.0f %% must. Check that the score and the genotypes are on "
                + "the same genome build (use the score's harmonised file for the target's build), or lower the minimum overlap",
                fileName, report.matched(), report.total(), report.scoreId(), 100 * report.matchRate(), report.excluded(),
                report.unmatched(), 100 * report.minimumOverlap());
        throw new PermedException(PrsErrorCode.MATCH_RATE_TOO_LOW, message, details);
    }
}
