package no.permed.prs.match;

/**
 * Matching rules; start from {@link #defaults()} (pgsc_calc's defaults) and change one with the {@code with…} methods.
 *
 * @param keepAmbiguous keep strand-ambiguous matches (A/T, C/G). Default false, as pgsc_calc ({@code --keep_ambiguous}).
 * @param keepMultiallelic keep matches at sites with several ALT alleles. Default false ({@code --keep_multiallelic}).
 * @param allowStrandFlips allow the {@code *_flip} match types. Default true (pgsc_calc's {@code --ignore_strand_flips} off).
 * @param keepFirstDuplicate when several rows best-match one site, score the first row instead of excluding all.
 *     Default false ({@code --keep_first_match}).
 * @param minimumOverlap the smallest share of rows that must match, 0–1. Default 0.75 ({@code --min_overlap}).
 */
public record MatchOptions(boolean keepAmbiguous, boolean keepMultiallelic, boolean allowStrandFlips, boolean keepFirstDuplicate,
        double minimumOverlap) {
    public static final double DEFAULT_MINIMUM_OVERLAP = 0.75;

    public MatchOptions {
        if (!(minimumOverlap >= 0 && minimumOverlap <= 1)) {
            throw new IllegalArgumentException("minimumOverlap must be between 0 and 1 but is " + minimumOverlap);
        }
    }

    public static MatchOptions defaults() {
        return new MatchOptions(false, false, true, false, DEFAULT_MINIMUM_OVERLAP);
    }

    public MatchOptions withKeepAmbiguous(boolean value) {
        return new MatchOptions(value, keepMultiallelic, allowStrandFlips, keepFirstDuplicate, minimumOverlap);
    }

    public MatchOptions withKeepMultiallelic(boolean value) {
        return new MatchOptions(keepAmbiguous, value, allowStrandFlips, keepFirstDuplicate, minimumOverlap);
    }

    public MatchOptions withAllowStrandFlips(boolean value) {
        return new MatchOptions(keepAmbiguous, keepMultiallelic, value, keepFirstDuplicate, minimumOverlap);
    }

    public MatchOptions withKeepFirstDuplicate(boolean value) {
        return new MatchOptions(keepAmbiguous, keepMultiallelic, allowStrandFlips, value, minimumOverlap);
    }

    public MatchOptions withMinimumOverlap(double value) {
        return new MatchOptions(keepAmbiguous, keepMultiallelic, allowStrandFlips, keepFirstDuplicate, value);
    }
}
