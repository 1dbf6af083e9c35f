package no.permed.frequency;

import java.util.List;
import java.util.Set;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;

/**
 * Where the register's counts come from: the genome store, adapted in the application (capabilities do not depend on
 * each other). Implementations are thread-safe.
 */
public interface CohortSource {
    /** A number that grows whenever the stored samples change (ingest, erasure, compaction). */
    long generation();

    /** Every live sample. */
    List<RegisteredSample> samples();

    /**
     * Hands the counts of every stored variant of {@code assembly} over the samples {@code sampleIds} to {@code visitor},
     * in canonical order (contig 1–22, X, Y, MT then others; position; REF; ALT). Reference blocks of gVCF samples count
     * towards AN.
     */
    void forEachCount(Assembly assembly, Set<Long> sampleIds, SiteVisitor visitor);

    /**
     * The counts of several sample sets at once, every variant handed to {@code visitor} once with the counts of each set
     * at its index (a set with no sample holding the variant gets zeros). {@code sets.get(0)} must hold every sample of
     * the other sets: its variants are the ones emitted. The genome store's adapter counts all sets in one pass over the
     * genotypes; this default makes one {@link #forEachCount(Assembly, Set, SiteVisitor)} pass per set.
     */
    default void forEachCount(Assembly assembly, List<Set<Long>> sets, GroupVisitor visitor) {
        int groups = sets.size();
        List<String[]> sites = new java.util.ArrayList<>();
        List<int[][]> counts = new java.util.ArrayList<>();
        forEachCount(assembly, sets.get(0), (contig, position, reference, alternate, ac, an, hom, hemi) -> {
            sites.add(new String[] {contig, Integer.toString(position), reference, alternate});
            int[][] site = new int[4][groups];
            site[0][0] = ac;
            site[1][0] = an;
            site[2][0] = hom;
            site[3][0] = hemi;
            counts.add(site);
        });
        for (int group = 1; group < groups; group++) {
            int column = group;
            int[] cursor = {0};
            forEachCount(assembly, sets.get(group), (contig, position, reference, alternate, ac, an, hom, hemi) -> {
                while (cursor[0] < sites.size()) {
                    String[] site = sites.get(cursor[0]++);
                    if (site[0].equals(contig) && Integer.parseInt(site[1]) == position && site[2].equals(reference)
                            && site[3].equals(alternate)) {
                        int[][] target = counts.get(cursor[0] - 1);
                        target[0][column] = ac;
                        target[1][column] = an;
                        target[2][column] = hom;
                        target[3][column] = hemi;
                        return;
                    }
                }
                throw new IllegalStateException("a set's variant " + contig + "-" + position + " is not among the first set's");
            });
        }
        for (int index = 0; index < sites.size(); index++) {
            String[] site = sites.get(index);
            int[][] siteCounts = counts.get(index);
            visitor.site(site[0], Integer.parseInt(site[1]), site[2], site[3], siteCounts[0], siteCounts[1], siteCounts[2],
                    siteCounts[3]);
        }
    }

    /** The row ids of the live samples carrying {@code variant} (at least one ALT allele). */
    List<Long> carriers(VariantKey variant);

    /** Receives one variant's counts for several sets (arrays indexed by set; they may be reused between calls). */
    @FunctionalInterface
    interface GroupVisitor {
        void site(String contig, int position, String reference, String alternate, int[] alleleCounts, int[] alleleNumbers,
                int[] homozygotes, int[] hemizygotes);
    }

    /** Receives one variant's counts. */
    @FunctionalInterface
    interface SiteVisitor {
        void site(String contig, int position, String reference, String alternate, int alleleCount, int alleleNumber,
                int homozygotes, int hemizygotes);
    }
}
