package no.permed.frequency.privacy;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import no.permed.vcf.normalise.VariantKey;

/**
 * A register line as a client of a tier is shown it.
 *
 * @param exists whether the variant is reported as present (false also when the defence withholds it)
 * @param overall over the datasets the client may see
 * @param populations per population label (public tier: only groups at or above the minimum size)
 * @param datasets per dataset the client may see
 */
public record PublishedLine(VariantKey variant, boolean exists, PublishedCounts overall, Map<String, PublishedCounts> populations,
        Map<String, PublishedCounts> datasets) {
    public PublishedLine {
        requireNonNull(variant, "variant is null");
        requireNonNull(overall, "overall is null");
        populations = Collections.unmodifiableMap(new TreeMap<>(populations));
        datasets = Collections.unmodifiableMap(new TreeMap<>(datasets));
    }
}
