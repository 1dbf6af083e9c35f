package no.permed.simulate.internal;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The sites of one contig in the reference panel: {@code firstSite} (inclusive) to {@code endSite} (exclusive)
 * in {@link ReferencePanel#sites()}.
 *
 * @param name CHROM as written
 * @param declaredLength the length from the header's {@code ##contig} line, if any
 * @param firstPosition POS of its first site
 * @param lastEnd the last base covered by REF of any of its sites
 */
public record ReferenceContig(String name, OptionalLong declaredLength, int firstSite, int endSite, int firstPosition, int lastEnd) {
    public ReferenceContig {
        requireNonNull(name, "name is null");
        requireNonNull(declaredLength, "declaredLength is null");
    }

    public int siteCount() {
        return endSite - firstSite;
    }

    /** The length of the region from the first site to the end of the last REF. */
    public int regionLength() {
        return lastEnd - firstPosition + 1;
    }
}
