package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.util.List;
import no.permed.columnar.Site;

/**
 * The calls of every visible (not erased) sample at one site.
 *
 * @param siteIndex the index of the site in its segment
 * @param site the site
 * @param calls the calls in increasing sample index; erased samples are absent
 */
public record SiteGenotypes(int siteIndex, Site site, List<SampleCall> calls) {
    public SiteGenotypes {
        requireNonNull(site, "site is null");
        calls = List.copyOf(requireNonNull(calls, "calls is null"));
        if (siteIndex < 0) {
            throw new IllegalArgumentException("siteIndex " + siteIndex + " is negative");
        }
    }
}
