package no.permed.frequency.beacon;

/**
 * Limits of the Beacon's queries (documented in docs/beacon.md).
 *
 * @param maxRangeBases the longest range or bracket a {@code g_variants} query may span (end minus start); longer ones
 *     get 400, so that one query cannot walk a whole chromosome
 * @param lookbackBases how far before a range's start the Beacon looks for variants (deletions) that begin earlier and
 *     reach into the range
 * @param defaultLimit the page size of record answers when the request names none
 * @param maxLimit the largest page size a request may ask for ({@code limit=0} means this)
 */
public record BeaconSettings(int maxRangeBases, int lookbackBases, int defaultLimit, int maxLimit) {
    /** 1,000,000 bases, 1,000 bases of lookback, pages of 10, at most 1,000 records per page. */
    public static final BeaconSettings DEFAULTS = new BeaconSettings(1_000_000, 1_000, 10, 1_000);

    public BeaconSettings {
        if (maxRangeBases < 1) {
            throw new IllegalArgumentException("maxRangeBases must be at least 1 but is " + maxRangeBases);
        }
        if (lookbackBases < 0) {
            throw new IllegalArgumentException("lookbackBases must be 0 or more but is " + lookbackBases);
        }
        if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("need 1 <= defaultLimit <= maxLimit but defaultLimit is " + defaultLimit + " and maxLimit "
                    + maxLimit);
        }
    }

    public BeaconSettings withMaxRangeBases(int bases) {
        return new BeaconSettings(bases, lookbackBases, defaultLimit, maxLimit);
    }
}
