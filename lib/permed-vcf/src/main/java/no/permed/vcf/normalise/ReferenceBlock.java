package no.permed.vcf.normalise;

import static java.util.Objects.requireNonNull;

import no.permed.vcf.genome.Assembly;
import no.permed.vcf.genome.Contigs;

/**
 * A range of reference calls from a gVCF block (or a record without ALT alleles): the samples called 0 in it
 * carry the reference allele at every position from {@code start} to {@code end}, which counts towards the
 * allele number (AN) of variants there.
 *
 * @param assembly the reference assembly
 * @param contig the canonical contig name
 * @param start the first position, 1-based
 * @param end the last position, inclusive
 */
public record ReferenceBlock(Assembly assembly, String contig, int start, int end) {
    public ReferenceBlock {
        requireNonNull(assembly, "assembly is null");
        requireNonNull(contig, "contig is null");
        if (!Contigs.canonical(contig).equals(contig)) {
            throw new IllegalArgumentException("contig must be canonical but is '" + contig + "'");
        }
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("a reference block needs 1 <= start <= end but has " + start + ".." + end);
        }
    }

    /** Whether the block covers a position on its contig. */
    public boolean covers(String canonicalContig, int position) {
        return contig.equals(canonicalContig) && position >= start && position <= end;
    }

    public int length() {
        return end - start + 1;
    }
}
