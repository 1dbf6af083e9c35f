package no.permed.frequency.beacon;

import java.util.Locale;
import java.util.Map;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.kernel.PermedException;

/** How much a Beacon answer says: whether anything matched, how many, or the records themselves. */
public enum Granularity {
    BOOLEAN,
    COUNT,
    RECORD;

    /** The wire name: {@code boolean}, {@code count} or {@code record}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The lower of the two. */
    public Granularity atMost(Granularity other) {
        return compareTo(other) <= 0 ? this : other;
    }

    static Granularity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "boolean" -> BOOLEAN;
            case "count" -> COUNT;
            case "record" -> RECORD;
            default -> throw new PermedException(FrequencyErrorCode.INVALID_QUERY, "requestedGranularity must be boolean, count or"
                    + " record but is '" + BeaconQuery.printable(text) + "'", Map.of("parameter", "requestedGranularity"));
        };
    }
}
