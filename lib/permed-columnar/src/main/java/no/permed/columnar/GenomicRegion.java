package no.permed.columnar;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import no.permed.kernel.PermedException;

/**
 * A closed interval of positions on one contig, 1-based and inclusive at both ends. A site lies in
 * the region when its position does (the length of its reference allele is not considered).
 *
 * @param contig the canonical contig name, as in {@link Site#contig()}
 * @param start the first position, at least 1
 * @param end the last position, at least {@code start}
 */
public record GenomicRegion(String contig, int start, int end) {
    public GenomicRegion {
        requireNonNull(contig, "contig is null");
        try {
            Site.checkContig(contig);
        } catch (PermedException invalid) {
            throw new PermedException(ColumnarErrorCode.INVALID_REGION, invalid.getMessage(), invalid.details());
        }
        if (start < 1 || end < start) {
            throw new PermedException(ColumnarErrorCode.INVALID_REGION, "region " + contig + ":" + start + "-" + end
                    + " is empty or starts below 1; give 1 <= start <= end",
                    Map.of("contig", contig, "start", start, "end", end));
        }
    }

    /** The region of one position. */
    public static GenomicRegion locus(String contig, int position) {
        return new GenomicRegion(contig, position, position);
    }

    /** The region from {@code start} to {@code end}, both inclusive. */
    public static GenomicRegion of(String contig, int start, int end) {
        return new GenomicRegion(contig, start, end);
    }

    /** Whether the position lies in the region. */
    public boolean contains(String otherContig, int position) {
        return contig.equals(otherContig) && position >= start && position <= end;
    }

    @Override
    public String toString() {
        return contig + ":" + start + "-" + end;
    }
}
