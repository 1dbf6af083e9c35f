package no.permed.vcf.read;

/**
 * Which records a caller needs the genotypes of, decided from CHROM and POS before the sample columns are parsed
 * ({@link VcfReader#advance(SiteFilter)}). Parsing the sample columns is most of the cost of reading a
 * many-sample VCF, so a caller that looks at some sites only (a polygenic score, a gene panel) reads the others at
 * the cost of their eight fixed columns.
 */
@FunctionalInterface
public interface SiteFilter {
    /**
     * @param contig the record's contig, canonical ({@link VcfRecord#contig()}): the same String instance for every
     *     record of a contig, so a caller may compare by identity first
     * @param position the record's POS
     * @return whether the record's sample columns are to be parsed
     */
    boolean wants(String contig, int position);
}
