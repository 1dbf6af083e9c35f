package no.permed.genome.ingest;

import java.util.List;
import java.util.UUID;
import no.permed.vcf.genome.Assembly;

/**
 * What an ingest stored.
 *
 * @param segmentId the new segment
 * @param sampleIds the stored sample IDs, in segment order
 * @param assembly the assembly of the input
 * @param records VCF records read (variants and reference blocks)
 * @param sites biallelic sites stored after normalisation
 * @param referenceBlocks reference blocks read (gVCF)
 * @param duplicatesMerged variants given twice with the same calls (e.g. in a multi-allelic and a biallelic record), stored once
 * @param conflictsMarkedMissing variants given twice with different calls, stored as missing for the samples that disagree
 * @param segmentBytes the segment file's size
 * @param elapsedMillis wall time of the ingest
 * @param auditSequence the audit entry recording the ingest
 */
public record IngestResult(
        UUID segmentId,
        List<String> sampleIds,
        Assembly assembly,
        long records,
        int sites,
        long referenceBlocks,
        long duplicatesMerged,
        long conflictsMarkedMissing,
        long segmentBytes,
        long elapsedMillis,
        long auditSequence) {
    public IngestResult {
        sampleIds = List.copyOf(sampleIds);
    }

    public double bytesPerGenotype() {
        long genotypes = (long) sites * sampleIds.size();
        return genotypes == 0 ? 0 : (double) segmentBytes / genotypes;
    }
}
