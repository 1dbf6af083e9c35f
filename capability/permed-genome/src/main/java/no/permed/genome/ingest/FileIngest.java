package no.permed.genome.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;
import no.permed.columnar.segment.SegmentWriter;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.segment.SiteCalls;
import no.permed.columnar.segment.WrittenSegment;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.internal.Coverage;
import no.permed.kernel.PermedException;
import no.permed.vcf.normalise.NormalisedRecordVisitor;
import no.permed.vcf.normalise.ReferenceBlock;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.CallCodeTable;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfRecord;

/**
 * Streams one VCF into one segment: every record is parsed and checked by the reader, split, trimmed
 * (and left-aligned) by the normaliser, put back in position order through a small reorder buffer, and
 * written; reference calls of gVCF blocks are collected as {@link Coverage} per sample. Any error
 * leaves no segment behind (the writer deletes its temporary file).
 */
final class FileIngest implements NormalisedRecordVisitor {
    /** How far left-alignment may move a variant before the ingest refuses the file. */
    static final int LEFT_ALIGN_WINDOW = 10_000;
    private static final byte[] CODES = codeTable();
    /** {@link #code} for every call of a biallelic record, for {@link Genotypes#encodeBiallelic}. */
    private static final CallCodeTable CALL_CODES = CallCodeTable.of((ploidy, first, second, phased) -> code(first, second, (byte) ploidy, phased));

    private final String fileName;
    private final VariantNormaliser normaliser;
    private final int[] columns;
    private final boolean identityColumns;
    private final SegmentWriter writer;
    private final SiteCalls calls;
    private final Map<String, Coverage.Builder[]> coverageByContig = new java.util.LinkedHashMap<>();
    private final TreeMap<Pending, Pending> buffer = new TreeMap<>(Pending.ORDER);
    private final ArrayDeque<byte[]> spareBuffers = new ArrayDeque<>();
    private final int window;
    private String contig;
    private int lastWrittenPosition;
    private long records;
    private long referenceBlocks;
    private long duplicatesMerged;
    private long conflictsMarkedMissing;
    private final boolean markConflictsMissing;

    private FileIngest(String fileName, VariantNormaliser normaliser, int[] columns, int sampleColumns, Path target,
            SegmentWriterOptions options, boolean markConflictsMissing) {
        this.fileName = fileName;
        this.markConflictsMissing = markConflictsMissing;
        this.normaliser = normaliser;
        this.columns = columns;
        this.identityColumns = columns.length == sampleColumns && isIdentity(columns);
        this.writer = SegmentWriter.create(target, columns.length, options);
        this.calls = new SiteCalls(columns.length);
        this.window = normaliser.leftAligns() ? LEFT_ALIGN_WINDOW : 0;
    }

    /** What one file gave. */
    record Outcome(WrittenSegment segment, long records, long referenceBlocks, long duplicatesMerged, long conflictsMarkedMissing, Map<String, Coverage[]> coverage) {
    }

    /**
     * Reads the rest of {@code reader} into a new segment at {@code target}.
     *
     * @param columns the VCF sample columns to store, in segment order
     */
    static Outcome run(VcfReader reader, VariantNormaliser normaliser, int[] columns, Path target, SegmentWriterOptions options,
            boolean markConflictsMissing, Runnable onRecord) {
        requireNonNull(reader, "reader is null");
        FileIngest ingest = new FileIngest(reader.fileName(), normaliser, columns, reader.header().sampleCount(), target, options,
                markConflictsMissing);
        try (SegmentWriter writer = ingest.writer) {
            while (reader.advance()) {
                VcfRecord record = reader.record();
                ingest.records++;
                ingest.accept(record);
                onRecord.run();
            }
            ingest.flushAll();
            if (ingest.records == 0) {
                throw new PermedException(GenomeErrorCode.EMPTY_INPUT, reader.fileName()
                        + ": the file has a header but no records; there is nothing to store",
                        Map.of("file", reader.fileName()));
            }
            WrittenSegment written = writer.commit();
            Map<String, Coverage[]> coverage = new java.util.LinkedHashMap<>();
            ingest.coverageByContig.forEach((name, builders) -> {
                Coverage[] built = new Coverage[builders.length];
                for (int index = 0; index < builders.length; index++) {
                    built[index] = builders[index] == null || builders[index].isEmpty() ? null : builders[index].build();
                }
                coverage.put(name, built);
            });
            return new Outcome(written, ingest.records, ingest.referenceBlocks, ingest.duplicatesMerged, ingest.conflictsMarkedMissing, coverage);
        }
    }

    private void accept(VcfRecord record) {
        String recordContig = record.contig();
        if (!recordContig.equals(contig)) {
            flushAll();
            contig = recordContig;
            lastWrittenPosition = 0;
        } else {
            flushBefore(record.position() - window);
        }
        normaliser.split(record, this);
    }

    @Override
    public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
        if (key.position() < lastWrittenPosition) {
            throw new PermedException(GenomeErrorCode.REORDER_WINDOW_EXCEEDED, fileName + ", line " + source.lineNumber()
                    + ", POS: left-alignment moved the variant " + (source.position() - key.position())
                    + " bases, further than the ingest's window of " + window + " bases; normalise the file with"
                    + " bcftools norm first", Map.of("file", fileName, "line", source.lineNumber(), "field", "POS"));
        }
        byte[] codes = spareBuffers.isEmpty() ? new byte[columns.length] : spareBuffers.pop();
        encode(genotypes, codes);
        Pending pending = new Pending(key.position(), key.reference(), key.alternate(), source.lineNumber(), codes);
        Pending earlier = buffer.get(pending);
        if (earlier == null) {
            buffer.put(pending, pending);
            return;
        }
        if (!Arrays.equals(earlier.codes, codes) && markConflictsMissing) {
            for (int index = 0; index < codes.length; index++) {
                if (earlier.codes[index] != codes[index]) {
                    earlier.codes[index] = GenotypeCodes.ploidy(codes[index]) == 1 && GenotypeCodes.ploidy(earlier.codes[index]) == 1
                            ? GenotypeCodes.haploid(GenotypeCodes.MISSING) : GenotypeCodes.MISSING_DIPLOID;
                }
            }
            conflictsMarkedMissing++;
            spareBuffers.push(codes);
            return;
        }
        if (!Arrays.equals(earlier.codes, codes)) {
            throw new PermedException(GenomeErrorCode.DUPLICATE_VARIANT, fileName + ", line " + source.lineNumber()
                    + ", ALT: the variant " + key + " was already given on line " + earlier.line
                    + " (after splitting and trimming) with other calls; which one is right cannot be decided (ingest with conflicting duplicates marked missing to store ./. for them)",
                    Map.of("file", fileName, "line", source.lineNumber(), "field", "ALT", "firstLine", earlier.line));
        }
        // the same variant with the same calls twice (real files have it, e.g. a multi-allelic record and a
        // biallelic one for the same ALT): stored once
        duplicatesMerged++;
        spareBuffers.push(codes);
    }

    @Override
    public void referenceBlock(ReferenceBlock block, Genotypes genotypes, VcfRecord source) {
        referenceBlocks++;
        int[] alleles = genotypes.alleleIndicesView();
        byte[] ploidies = genotypes.ploidiesView();
        Coverage.Builder[] builders = null;
        for (int index = 0; index < columns.length; index++) {
            int column = columns[index];
            int first = alleles[2 * column];
            int second = alleles[2 * column + 1];
            boolean reference = ploidies[column] == 2 ? first == 0 && second == 0 : ploidies[column] == 1 && first == 0;
            if (reference) {
                if (builders == null) {
                    builders = coverageByContig.computeIfAbsent(block.contig(), name -> new Coverage.Builder[columns.length]);
                }
                if (builders[index] == null) {
                    builders[index] = new Coverage.Builder();
                }
                builders[index].add(block.start(), block.end());
            }
        }
    }

    private void encode(Genotypes genotypes, byte[] codes) {
        // every variant reaching here is biallelic (the normaliser splits the others): one table look-up per call
        genotypes.encodeBiallelic(CALL_CODES, identityColumns ? null : columns, codes);
    }

    private static byte code(int first, int second, byte ploidy, boolean phased) {
        if (ploidy == 1 || second == Genotypes.ABSENT) {
            return first == Genotypes.MISSING || first == Genotypes.ABSENT ? GenotypeCodes.haploid(GenotypeCodes.MISSING)
                    : GenotypeCodes.haploid(first);
        }
        return CODES[((first + 2) << 3) | ((second + 2) << 1) | (phased ? 1 : 0)];
    }

    private static byte[] codeTable() {
        byte[] table = new byte[32];
        for (int first = -2; first <= 1; first++) {
            for (int second = -2; second <= 1; second++) {
                for (int phase = 0; phase < 2; phase++) {
                    int a = first < 0 ? GenotypeCodes.MISSING : first;
                    int b = second < 0 ? GenotypeCodes.MISSING : second;
                    table[((first + 2) << 3) | ((second + 2) << 1) | phase] = GenotypeCodes.diploid(a, b, phase == 1);
                }
            }
        }
        return table;
    }

    private void flushBefore(int position) {
        while (!buffer.isEmpty() && buffer.firstKey().position < position) {
            write(buffer.pollFirstEntry().getKey());
        }
    }

    private void flushAll() {
        while (!buffer.isEmpty()) {
            write(buffer.pollFirstEntry().getKey());
        }
    }

    private void write(Pending pending) {
        calls.copyFrom(pending.codes, 0);
        writer.add(new Site(contig, pending.position, pending.reference, pending.alternate), calls);
        lastWrittenPosition = pending.position;
        spareBuffers.push(pending.codes);
    }

    private static boolean isIdentity(int[] columns) {
        for (int index = 0; index < columns.length; index++) {
            if (columns[index] != index) {
                return false;
            }
        }
        return true;
    }

    /** A normalised variant waiting for its place in position order. */
    private static final class Pending {
        static final Comparator<Pending> ORDER = Comparator.<Pending>comparingInt(pending -> pending.position)
                .thenComparing(pending -> pending.reference)
                .thenComparing(pending -> pending.alternate);
        final int position;
        final String reference;
        final String alternate;
        final long line;
        final byte[] codes;

        Pending(int position, String reference, String alternate, long line, byte[] codes) {
            this.position = position;
            this.reference = reference;
            this.alternate = alternate;
            this.line = line;
            this.codes = codes;
        }

        @Override
        public String toString() {
            return position + " " + reference + ">" + alternate + " " + Arrays.toString(codes);
        }
    }
}
