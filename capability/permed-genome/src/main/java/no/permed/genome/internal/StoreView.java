package no.permed.genome.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.permed.columnar.SampleSet;
import no.permed.columnar.segment.Segment;
import no.permed.genome.StoredSample;
import no.permed.vcf.genome.Assembly;

/**
 * An immutable snapshot of the store for queries: the live segments (opened, with erased samples
 * masked), the live samples of each, and the reference-call coverage of gVCF samples. A new snapshot
 * replaces the old one after every ingest, erasure and compaction.
 */
public final class StoreView {
    /** One live segment and who is in it. */
    public record Part(UUID id, Assembly assembly, Segment segment, StoredSample[] samplesByIndex) {
        /** The live samples, by segment index (null where erased). */
        public StoredSample sample(int index) {
            return samplesByIndex[index];
        }

        public SampleSet visible() {
            return segment.visibleSamples();
        }
    }

    private final List<Part> parts;
    private final Map<Long, StoredSample> samplesById;
    private final Map<Long, Map<String, Coverage>> coverage;

    public StoreView(List<Part> parts, Map<Long, Map<String, Coverage>> coverage) {
        this.parts = List.copyOf(parts);
        Map<Long, StoredSample> byId = new HashMap<>();
        for (Part part : parts) {
            for (StoredSample sample : part.samplesByIndex()) {
                if (sample != null) {
                    byId.put(sample.id(), sample);
                }
            }
        }
        this.samplesById = Collections.unmodifiableMap(byId);
        this.coverage = coverage;
    }

    public List<Part> parts() {
        return parts;
    }

    public List<Part> parts(Assembly assembly) {
        List<Part> result = new ArrayList<>();
        for (Part part : parts) {
            if (part.assembly() == assembly) {
                result.add(part);
            }
        }
        return result;
    }

    public Map<Long, StoredSample> samplesById() {
        return samplesById;
    }

    /** The coverage of a sample on a contig, or null. */
    public Coverage coverage(long sampleRowId, String contig) {
        Map<String, Coverage> byContig = coverage.get(sampleRowId);
        return byContig == null ? null : byContig.get(contig);
    }

    public boolean hasCoverage(long sampleRowId) {
        return coverage.containsKey(sampleRowId);
    }
}
