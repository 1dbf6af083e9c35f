package no.permed.columnar.compaction;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentCursor;
import no.permed.columnar.segment.SegmentWriter;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.SiteCalls;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.kernel.PermedException;

/**
 * Merges segments into one new segment, written once and atomically like any other; the inputs
 * are only read. The caller then swaps the catalogue rows (new segment in, inputs out) in one
 * transaction and deletes the inputs later.
 *
 * <ul>
 *   <li>{@link #mergeSites}: inputs with the same samples (same count, same order: the caller's
 *       promise) and disjoint or interleaved sites; a site held by two inputs is an error.
 *   <li>{@link #mergeSamples}: inputs with disjoint samples over the same (or overlapping) sites;
 *       the output's samples are the inputs' samples one input after the other, so input {@code i}'s
 *       sample {@code s} becomes sample {@code offset(i) + s}. Sites missing from an input get
 *       {@link AbsentCalls} for its samples.
 * </ul>
 *
 * Inputs may be views with erased samples ({@link Segment#withErasedSamples}): erased samples are
 * written as {@code ./.}, so compaction is also how erasure becomes physical. Contigs keep the
 * order of the inputs (an order consistent with all of them; inputs that order two contigs
 * differently cannot be merged). Within a position, sites keep input order.
 */
public final class SegmentCompactor {
    private SegmentCompactor() {
    }

    /** Merges inputs with the same samples and disjoint sites. */
    public static WrittenSegment mergeSites(List<Segment> inputs, Path target, SegmentWriterOptions options) {
        List<Segment> segments = checkInputs(inputs, target, options);
        int sampleCount = segments.get(0).sampleCount();
        for (Segment segment : segments) {
            if (segment.sampleCount() != sampleCount) {
                throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "segments " + segments.get(0).path()
                        + " and " + segment.path() + " have " + sampleCount + " and " + segment.sampleCount()
                        + " samples; merging sites needs the same samples (merge samples instead?)",
                        Map.of("expected", sampleCount, "actual", segment.sampleCount()));
            }
        }
        return merge(segments, target, options, false, null, false);
    }

    /** Merges inputs with disjoint samples; the output has the inputs' samples in input order. */
    public static WrittenSegment mergeSamples(List<Segment> inputs, Path target, AbsentCalls absentCalls,
            SegmentWriterOptions options) {
        return mergeSamples(inputs, target, absentCalls, options, false);
    }

    /**
     * Merges inputs with disjoint samples; with {@code dropSitesWithoutCarriers}, a site at which no
     * visible sample carries the ALT allele is left out (after an erasure, so that the positions of the
     * erased person's variants leave the disk too).
     */
    public static WrittenSegment mergeSamples(List<Segment> inputs, Path target, AbsentCalls absentCalls,
            SegmentWriterOptions options, boolean dropSitesWithoutCarriers) {
        requireNonNull(absentCalls, "absentCalls is null");
        byte code = absentCalls == AbsentCalls.MISSING ? GenotypeCodes.MISSING_DIPLOID : GenotypeCodes.HOMOZYGOUS_REFERENCE;
        return mergeSamples(inputs, target, (input, site, calls, offset, count) -> Arrays.fill(calls, offset, offset + count, code),
                options, dropSitesWithoutCarriers);
    }

    /**
     * Chooses the calls written for the samples of an input that lacks a site another input has, for
     * example {@code 0/0} where a gVCF reference block of that sample covers the site and {@code ./.}
     * elsewhere.
     */
    @FunctionalInterface
    public interface AbsentCallFill {
        /**
         * @param input the index of the input in the list given to the merge
         * @param site the site the input lacks
         * @param calls the output calls; write the input's samples' codes at {@code offset .. offset + count - 1}
         */
        void fill(int input, Site site, byte[] calls, int offset, int count);
    }

    /** Merges inputs with disjoint samples, filling absent sites per input with {@code fill}. */
    public static WrittenSegment mergeSamples(List<Segment> inputs, Path target, AbsentCallFill fill,
            SegmentWriterOptions options, boolean dropSitesWithoutCarriers) {
        List<Segment> segments = checkInputs(inputs, target, options);
        requireNonNull(fill, "fill is null");
        long total = 0;
        for (Segment segment : segments) {
            total += segment.sampleCount();
        }
        if (total > Integer.MAX_VALUE - 64) {
            throw new PermedException(ColumnarErrorCode.SAMPLE_COUNT_MISMATCH, "the inputs hold " + total
                    + " samples together, more than one segment can hold", Map.of("sampleCount", total));
        }
        return merge(segments, target, options, true, fill, dropSitesWithoutCarriers);
    }

    private static List<Segment> checkInputs(List<Segment> inputs, Path target, SegmentWriterOptions options) {
        requireNonNull(inputs, "inputs is null");
        requireNonNull(target, "target is null");
        requireNonNull(options, "options is null");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("give at least one segment to merge");
        }
        return List.copyOf(inputs);
    }

    /** One input during the merge: its cursor and the sites it holds at the current position. */
    private static final class Input {
        final Segment segment;
        final SegmentCursor cursor;
        final int sampleOffset;
        boolean hasSite;
        final List<Site> sitesHere = new ArrayList<>();
        final List<byte[]> callsHere = new ArrayList<>();

        Input(Segment segment, int sampleOffset) {
            this.segment = segment;
            this.cursor = segment.cursor();
            this.sampleOffset = sampleOffset;
            this.hasSite = cursor.next();
        }

        byte[] buffer(int index) {
            while (callsHere.size() <= index) {
                callsHere.add(new byte[segment.sampleCount()]);
            }
            return callsHere.get(index);
        }
    }

    private static WrittenSegment merge(List<Segment> segments, Path target, SegmentWriterOptions options, boolean bySamples,
            AbsentCallFill fill, boolean dropSitesWithoutCarriers) {
        Map<String, Integer> contigRank = contigOrder(segments);
        List<Input> inputs = new ArrayList<>();
        int sampleCount = 0;
        for (Segment segment : segments) {
            inputs.add(new Input(segment, bySamples ? sampleCount : 0));
            sampleCount = bySamples ? sampleCount + segment.sampleCount() : segment.sampleCount();
        }
        try (SegmentWriter writer = SegmentWriter.create(target, sampleCount, options)) {
            SiteCalls calls = new SiteCalls(sampleCount);
            PriorityQueue<Input> heads = new PriorityQueue<>((left, right) -> compareHeads(left, right, contigRank));
            for (Input input : inputs) {
                if (input.hasSite) {
                    heads.add(input);
                }
            }
            while (!heads.isEmpty()) {
                Site first = heads.peek().cursor.site();
                String contig = first.contig();
                int position = first.position();
                // Gather every site at this contig and position from every input.
                List<Input> present = new ArrayList<>();
                while (!heads.isEmpty() && heads.peek().cursor.site().contig().equals(contig)
                        && heads.peek().cursor.site().position() == position) {
                    Input input = heads.poll();
                    input.sitesHere.clear();
                    while (input.hasSite && input.cursor.site().contig().equals(contig)
                            && input.cursor.site().position() == position) {
                        input.cursor.copyCallsTo(input.buffer(input.sitesHere.size()), 0);
                        input.sitesHere.add(input.cursor.site());
                        input.hasSite = input.cursor.next();
                    }
                    present.add(input);
                    if (input.hasSite) {
                        heads.add(input);
                    }
                }
                present.sort((left, right) -> Integer.compare(inputs.indexOf(left), inputs.indexOf(right)));
                // The union of the sites here, in input order.
                Map<Site, List<int[]>> union = new LinkedHashMap<>();
                for (Input input : present) {
                    for (int index = 0; index < input.sitesHere.size(); index++) {
                        union.computeIfAbsent(input.sitesHere.get(index), site -> new ArrayList<>())
                                .add(new int[] {inputs.indexOf(input), index});
                    }
                }
                for (Map.Entry<Site, List<int[]>> entry : union.entrySet()) {
                    List<int[]> holders = entry.getValue();
                    if (bySamples) {
                        boolean[] holds = new boolean[inputs.size()];
                        for (int[] holder : holders) {
                            Input input = inputs.get(holder[0]);
                            holds[holder[0]] = true;
                            System.arraycopy(input.callsHere.get(holder[1]), 0, calls.codes(), input.sampleOffset,
                                    input.segment.sampleCount());
                        }
                        for (int index = 0; index < inputs.size(); index++) {
                            if (!holds[index]) {
                                Input input = inputs.get(index);
                                fill.fill(index, entry.getKey(), calls.codes(), input.sampleOffset, input.segment.sampleCount());
                            }
                        }
                    } else {
                        if (holders.size() > 1) {
                            throw new PermedException(ColumnarErrorCode.INCOMPATIBLE_SEGMENTS, "site " + entry.getKey()
                                    + " is in both " + inputs.get(holders.get(0)[0]).segment.path() + " and "
                                    + inputs.get(holders.get(1)[0]).segment.path() + "; segments with the same samples"
                                    + " can only be merged when their sites are disjoint",
                                    Map.of("site", entry.getKey().toString()));
                        }
                        Input input = inputs.get(holders.get(0)[0]);
                        System.arraycopy(input.callsHere.get(holders.get(0)[1]), 0, calls.codes(), 0, sampleCount);
                    }
                    if (dropSitesWithoutCarriers && !anyAlternate(calls.codes())) {
                        continue;
                    }
                    writer.add(entry.getKey(), calls);
                }
            }
            return writer.commit();
        }
    }

    private static int compareHeads(Input left, Input right, Map<String, Integer> contigRank) {
        Site leftSite = left.cursor.site();
        Site rightSite = right.cursor.site();
        int byContig = Integer.compare(contigRank.get(leftSite.contig()), contigRank.get(rightSite.contig()));
        return byContig != 0 ? byContig : Integer.compare(leftSite.position(), rightSite.position());
    }

    /**
     * An order of all contigs consistent with every input's order: a topological sort of "comes
     * before" taken from each input, ties broken by first appearance (input order, then file order).
     */
    private static boolean anyAlternate(byte[] codes) {
        for (byte code : codes) {
            if (GenotypeCodes.firstAllele(code) == GenotypeCodes.ALTERNATE
                    || (GenotypeCodes.ploidy(code) == 2 && GenotypeCodes.secondAllele(code) == GenotypeCodes.ALTERNATE)) {
                return true;
            }
        }
        return false;
    }

    static Map<String, Integer> contigOrder(List<Segment> segments) {
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> predecessorCount = new HashMap<>();
        for (Segment segment : segments) {
            List<String> contigs = segment.contigs();
            for (int index = 0; index < contigs.size(); index++) {
                String contig = contigs.get(index);
                firstSeen.putIfAbsent(contig, firstSeen.size());
                predecessorCount.putIfAbsent(contig, 0);
                if (index > 0) {
                    successors.computeIfAbsent(contigs.get(index - 1), key -> new ArrayList<>()).add(contig);
                    predecessorCount.merge(contig, 1, Integer::sum);
                }
            }
        }
        PriorityQueue<String> ready = new PriorityQueue<>((left, right) -> Integer.compare(firstSeen.get(left), firstSeen.get(right)));
        predecessorCount.forEach((contig, count) -> {
            if (count == 0) {
                ready.add(contig);
            }
        });
        Map<String, Integer> rank = new HashMap<>();
        while (!ready.isEmpty()) {
            String contig = ready.poll();
            rank.put(contig, rank.size());
            for (String next : successors.getOrDefault(contig, List.of())) {
                if (predecessorCount.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (rank.size() != firstSeen.size()) {
            List<String> conflicting = new ArrayList<>(firstSeen.keySet());
            conflicting.removeAll(rank.keySet());
            throw new PermedException(ColumnarErrorCode.INCOMPATIBLE_SEGMENTS, "the segments order the contigs "
                    + conflicting + " differently, so no merged order keeps every input's order; rewrite one input in"
                    + " the order of the others", Map.of("contigs", conflicting.toString()));
        }
        return rank;
    }
}
