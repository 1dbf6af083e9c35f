package no.permed.prs.match;

/** What became of one score row. Only {@link #MATCHED} rows are scored; every other row counts against the match rate. */
public enum MatchOutcome {
    /** The row has a best match that no rule excludes. */
    MATCHED,
    /** The best match is a strand-ambiguous site (A/T or C/G: REF complemented equals ALT). */
    EXCLUDED_AMBIGUOUS,
    /** The best match is a site with more than one ALT allele. */
    EXCLUDED_MULTIALLELIC,
    /** Several score rows have their best match at the same target site. */
    EXCLUDED_DUPLICATE,
    /** The best match needs a strand flip and flips are not allowed. */
    EXCLUDED_FLIP,
    /** No target site has the row's position and alleles (or the row has no position). */
    UNMATCHED
}
