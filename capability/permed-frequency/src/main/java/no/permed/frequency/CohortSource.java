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

    /** The row ids of the live samples carrying {@code variant} (at least one ALT allele). */
    List<Long> carriers(VariantKey variant);

    /** Receives one variant's counts. */
    @FunctionalInterface
    interface SiteVisitor {
        void site(String contig, int position, String reference, String alternate, int alleleCount, int alleleNumber,
                int homozygotes, int hemizygotes);
    }
}
