package no.permed.columnar.segment;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What {@link SegmentWriter#commit()} published: enough for a catalogue row.
 *
 * @param path the final file name
 * @param sampleCount the number of samples
 * @param siteCount the number of sites
 * @param blockCount the number of blocks
 * @param fileBytes the size of the file in bytes
 */
public record WrittenSegment(Path path, int sampleCount, int siteCount, int blockCount, long fileBytes) {
    public WrittenSegment {
        requireNonNull(path, "path is null");
        if (sampleCount < 0 || siteCount < 0 || blockCount < 0 || fileBytes < SegmentFormat.HEADER_LENGTH) {
            throw new IllegalArgumentException("invalid counts: samples " + sampleCount + ", sites " + siteCount
                    + ", blocks " + blockCount + ", bytes " + fileBytes);
        }
    }

    /** File bytes per genotype ({@code fileBytes / (samples * sites)}); 0 for an empty segment. */
    public double bytesPerGenotype() {
        long genotypes = (long) sampleCount * siteCount;
        return genotypes == 0 ? 0 : (double) fileBytes / genotypes;
    }
}
