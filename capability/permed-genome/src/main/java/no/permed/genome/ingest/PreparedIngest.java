package no.permed.genome.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.genome.internal.Coverage;
import no.permed.vcf.genome.Assembly;

/**
 * An ingest whose files are validated, normalised and written as a segment outside the store, not yet
 * visible: {@link Ingests#commit} makes it part of the store, {@link #discard} abandons it. The part that
 * needs no database is thereby apart from the part that does.
 */
public final class PreparedIngest {
    final IngestRequest request;
    final Ingests.Plan plan;
    final Assembly assembly;
    final UUID segmentId;
    final Path segment;
    final WrittenSegment written;
    final List<String> sha256;
    final Map<String, Coverage[]> coverage;
    final long records;
    final long referenceBlocks;
    final long duplicates;
    final long conflicts;
    final long started;
    final long writtenAt;

    PreparedIngest(IngestRequest request, Ingests.Plan plan, Assembly assembly, UUID segmentId, Path segment, WrittenSegment written,
            List<String> sha256, Map<String, Coverage[]> coverage, long records, long referenceBlocks, long duplicates, long conflicts,
            long started, long writtenAt) {
        this.request = request;
        this.plan = plan;
        this.assembly = assembly;
        this.segmentId = segmentId;
        this.segment = segment;
        this.written = written;
        this.sha256 = List.copyOf(sha256);
        this.coverage = Map.copyOf(coverage);
        this.records = records;
        this.referenceBlocks = referenceBlocks;
        this.duplicates = duplicates;
        this.conflicts = conflicts;
        this.started = started;
        this.writtenAt = writtenAt;
    }

    /** The samples the ingest will store, in segment order. */
    public List<String> sampleIds() {
        return plan.sampleIds();
    }

    public Assembly assembly() {
        return assembly;
    }

    /** Removes the prepared segment file (when the ingest is abandoned). */
    public void discard() {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException ignored) {
            // a leftover file is removed when the store is next opened
        }
    }
}
