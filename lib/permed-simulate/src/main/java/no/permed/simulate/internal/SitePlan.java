package no.permed.simulate.internal;

import java.util.List;
import java.util.Map;
import no.permed.kernel.PermedException;
import no.permed.simulate.SimulateErrorCode;

/**
 * Which reference sites are written, and how often. With no more sites asked for than the panel has, every
 * loaded site is written once. Otherwise every contig's region is written {@code copies} times end to end, contig
 * by contig in file order, until {@code totalSites} are written (so the last contig may end part-way through a
 * copy, and with several contigs the last ones may get fewer copies or none). Copy {@code k} (from 0) of a
 * contig has its positions shifted by {@code k * shift}, where the shift is the contig's region length (first
 * POS to the end of the last REF) plus {@value #GAP} bases.
 *
 * @param totalSites the number of records to write
 * @param copiesByContig how many copies (whole or partial) each contig of the panel gets, possibly 0
 * @param shiftByContig the position shift between copies of each contig
 */
record SitePlan(long totalSites, int[] copiesByContig, long[] shiftByContig) {
    /** The bases left between the end of one copy of a region and the start of the next. */
    static final int GAP = 1000;

    static SitePlan of(ReferencePanel panel, long requestedSites) {
        List<ReferenceContig> contigs = panel.contigs();
        long referenceSites = panel.sites().size();
        int copies = (int) Math.max(1, (requestedSites + referenceSites - 1) / referenceSites);
        long totalSites = Math.min(requestedSites, referenceSites * copies);
        int[] copiesByContig = new int[contigs.size()];
        long[] shiftByContig = new long[contigs.size()];
        long remaining = totalSites;
        for (int index = 0; index < contigs.size(); index++) {
            ReferenceContig contig = contigs.get(index);
            long whole = contig.siteCount();
            copiesByContig[index] = (int) Math.min(copies, (remaining + whole - 1) / whole);
            remaining -= Math.min(remaining, whole * copies);
            shiftByContig[index] = (long) contig.regionLength() + GAP;
            long lastPosition = (long) contig.lastEnd() + (copiesByContig[index] - 1L) * shiftByContig[index];
            if (copiesByContig[index] > 1 && lastPosition > Integer.MAX_VALUE) {
                throw new PermedException(SimulateErrorCode.TOO_MANY_SITES,
                        "repeating the " + contig.regionLength() + "-base region of contig " + contig.name() + " in " + panel.fileName()
                                + " " + copiesByContig[index] + " times passes the largest VCF position (" + Integer.MAX_VALUE
                                + "); ask for fewer sites or use a reference panel with more sites",
                        Map.of("file", panel.fileName(), "contig", contig.name(), "sites", requestedSites));
            }
        }
        return new SitePlan(totalSites, copiesByContig, shiftByContig);
    }

    /** The most copies any contig gets. */
    int maximumCopies() {
        int maximum = 0;
        for (int copies : copiesByContig) {
            maximum = Math.max(maximum, copies);
        }
        return maximum;
    }
}
