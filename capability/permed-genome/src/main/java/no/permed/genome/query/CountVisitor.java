package no.permed.genome.query;

/** Receives the counts of every stored variant in order (contig, position, REF, ALT). */
@FunctionalInterface
public interface CountVisitor {
    void site(String contig, int position, String reference, String alternate, int alleleCount, int alleleNumber,
            int homozygotes, int hemizygotes);
}
