package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import no.permed.columnar.Genotype;
import no.permed.columnar.Site;

/**
 * The call of one sample at one site.
 *
 * @param siteIndex the index of the site in its segment
 * @param site the site
 * @param genotype the call
 */
public record SiteCall(int siteIndex, Site site, Genotype genotype) {
    public SiteCall {
        requireNonNull(site, "site is null");
        requireNonNull(genotype, "genotype is null");
        if (siteIndex < 0) {
            throw new IllegalArgumentException("siteIndex " + siteIndex + " is negative");
        }
    }
}
