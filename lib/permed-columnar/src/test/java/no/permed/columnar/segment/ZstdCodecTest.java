package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.SampleSet;
import no.permed.columnar.testdata.RandomCohort;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codec 2 (zstd, format 1.1): round trips, segments mixing codecs, damaged zstd frames, and 1.0 files. */
class ZstdCodecTest {
    @TempDir
    Path directory;

    /** Every call and every count of the file equals the cohort. */
    private static void assertReadsBack(Path path, RandomCohort cohort) {
        try (Segment segment = Segment.open(path)) {
            assertThat(segment.siteCount()).isEqualTo(cohort.siteCount());
            SegmentCursor cursor = segment.cursor();
            byte[] codes = new byte[cohort.sampleCount()];
            int site = 0;
            while (cursor.next()) {
                assertThat(cursor.site()).isEqualTo(cohort.site(site));
                cursor.copyCallsTo(codes, 0);
                if (!Arrays.equals(codes, cohort.calls(site))) {
                    throw new AssertionError("site " + site + " reads back differently");
                }
                site++;
            }
            assertThat(site).isEqualTo(cohort.siteCount());
            boolean[] everyone = new boolean[cohort.sampleCount()];
            Arrays.fill(everyone, true);
            for (int threads = 1; threads <= 2; threads++) {
                AlleleCounts counts = segment.countAlleles(SampleSet.all(cohort.sampleCount()), threads);
                for (int index = 0; index < cohort.siteCount(); index++) {
                    int[] expected = cohort.naiveCounts(index, everyone);
                    assertThat(new int[] {counts.alleleCount(index), counts.alleleNumber(index), counts.homozygousAlternateCount(index),
                        counts.hemizygousAlternateCount(index)})
                            .as("site %d", index).containsExactly(expected[0], expected[1], expected[2], expected[3]);
                }
            }
            for (int index = 0; index < cohort.siteCount(); index += 7) {
                assertThat(segment.carriers(index)).isEqualTo(SegmentRoundTripTest.naiveCarriers(cohort, index));
            }
        }
    }

    private static Map<String, Integer> features(Path path) {
        try (Segment segment = Segment.open(path)) {
            return SegmentInspector.features(segment);
        }
    }

    @Test
    void zstdFramesRoundTripAndTheFileIsVersion11() {
        RandomCohort cohort = RandomCohort.generate(41, 700, 500);
        Path path = directory.resolve("zstd.seg");
        cohort.write(path, new SegmentWriterOptions(1, 8192, 40).withCompression(SegmentWriterOptions.Compression.ZSTD)
                .withMinimumSavingPercent(0));
        Map<String, Integer> features = features(path);
        assertThat(features).containsKeys("zstd-frames", "site-zstd-frames").doesNotContainKeys("deflated-frames",
                "site-deflated-frames");
        try (Segment segment = Segment.open(path)) {
            assertThat(SegmentInspector.formatMinorVersion(segment)).isEqualTo(1);
        }
        assertReadsBack(path, cohort);
    }

    @Test
    void everyCodecChoiceAndLevelReadsBack() {
        RandomCohort cohort = RandomCohort.generate(42, 300, 300);
        for (SegmentWriterOptions.Compression compression : SegmentWriterOptions.Compression.values()) {
            for (int zstdLevel : new int[] {1, 3, 19}) {
                Path path = directory.resolve(compression + "-" + zstdLevel + ".seg");
                cohort.write(path, new SegmentWriterOptions(6, 4096, 50).withCompression(compression).withZstdLevel(zstdLevel));
                Map<String, Integer> features = features(path);
                if (compression == SegmentWriterOptions.Compression.DEFLATE) {
                    assertThat(features).doesNotContainKey("zstd-frames");
                }
                if (compression == SegmentWriterOptions.Compression.ZSTD) {
                    assertThat(features).doesNotContainKey("deflated-frames");
                }
                assertReadsBack(path, cohort);
            }
        }
    }

    @Test
    void autoNeverPicksDeflateWithoutTheMarginAndIsNeverLargerThanZstd() throws IOException {
        RandomCohort cohort = RandomCohort.generate(43, 500, 600);
        Path zstd = directory.resolve("zstd.seg");
        Path auto = directory.resolve("auto.seg");
        Path deflate = directory.resolve("deflate.seg");
        SegmentWriterOptions options = new SegmentWriterOptions(6, 4096, 30);
        cohort.write(zstd, options.withCompression(SegmentWriterOptions.Compression.ZSTD));
        cohort.write(auto, options.withCompression(SegmentWriterOptions.Compression.AUTO));
        cohort.write(deflate, options.withCompression(SegmentWriterOptions.Compression.DEFLATE));
        SegmentRewriter.Frame[][] zstdFrames = SegmentRewriter.frames(zstd);
        SegmentRewriter.Frame[][] autoFrames = SegmentRewriter.frames(auto);
        SegmentRewriter.Frame[][] deflateFrames = SegmentRewriter.frames(deflate);
        assertThat(autoFrames.length).isEqualTo(zstdFrames.length).isEqualTo(deflateFrames.length);
        for (int block = 0; block < autoFrames.length; block++) {
            for (int frame = 0; frame < 2; frame++) {
                SegmentRewriter.Frame chosen = autoFrames[block][frame];
                SegmentRewriter.Frame viaZstd = zstdFrames[block][frame];
                SegmentRewriter.Frame viaDeflate = deflateFrames[block][frame];
                assertThat(chosen.stored().length).isLessThanOrEqualTo(viaZstd.stored().length);
                if (chosen.codec() == SegmentFormat.CODEC_DEFLATE) {
                    assertThat(chosen.stored()).isEqualTo(viaDeflate.stored());
                    assertThat(100L * chosen.stored().length)
                            .isLessThanOrEqualTo((100L - SegmentWriter.AUTO_DEFLATE_MARGIN_PERCENT) * viaZstd.stored().length);
                } else {
                    assertThat(chosen.stored()).isEqualTo(viaZstd.stored());
                }
            }
        }
        assertReadsBack(auto, cohort);
    }

    @Test
    void storingEverythingWritesNoCompressedFrame() {
        RandomCohort cohort = RandomCohort.generate(44, 200, 200);
        Path path = directory.resolve("stored.seg");
        cohort.write(path, new SegmentWriterOptions(6, 4096, 30).withMinimumSavingPercent(100));
        assertThat(features(path)).containsKeys("stored-frames", "site-stored-frames").doesNotContainKeys("zstd-frames",
                "deflated-frames", "site-zstd-frames", "site-deflated-frames");
        assertReadsBack(path, cohort);
    }

    /** The same cohort with the same block limits in Deflate and zstd, spliced frame by frame into one file. */
    private Path mixedSegment(RandomCohort cohort) throws IOException {
        SegmentWriterOptions options = new SegmentWriterOptions(6, 4096, 20).withMinimumSavingPercent(0);
        Path deflate = directory.resolve("mixed-deflate.seg");
        Path zstd = directory.resolve("mixed-zstd.seg");
        Path stored = directory.resolve("mixed-stored.seg");
        cohort.write(deflate, options.withCompression(SegmentWriterOptions.Compression.DEFLATE));
        cohort.write(zstd, options.withCompression(SegmentWriterOptions.Compression.ZSTD));
        cohort.write(stored, options.withMinimumSavingPercent(100));
        SegmentRewriter.Frame[][][] sources = {SegmentRewriter.frames(stored), SegmentRewriter.frames(deflate),
            SegmentRewriter.frames(zstd)};
        Path mixed = directory.resolve("mixed.seg");
        SegmentRewriter.rewrite(zstd, mixed, (block, site, genotypes) -> new SegmentRewriter.Frame[] {
            sources[block % 3][block][0], sources[(block / 3) % 3][block][1]});
        return mixed;
    }

    @Test
    void segmentsMixingStoredDeflateAndZstdFramesReadBack() throws IOException {
        RandomCohort cohort = RandomCohort.generate(45, 150, 400);
        Path mixed = mixedSegment(cohort);
        Map<String, Integer> features = features(mixed);
        assertThat(features).containsKeys("stored-frames", "deflated-frames", "zstd-frames", "site-stored-frames",
                "site-deflated-frames", "site-zstd-frames");
        assertReadsBack(mixed, cohort);
    }

    private PermedException readError(Path path) {
        try (Segment segment = Segment.open(path)) {
            segment.countAlleles(SampleSet.all(segment.sampleCount()));
            SegmentCursor cursor = segment.cursor();
            while (cursor.next()) {
                cursor.site();
            }
        } catch (PermedException error) {
            return error;
        }
        throw new AssertionError("damage in " + path + " was not detected");
    }

    /** Rewrites the genotype frame of block 1 of a zstd segment; checksums are recomputed so only the frame is wrong. */
    private PermedException damageGenotypeFrame(String name, java.util.function.UnaryOperator<SegmentRewriter.Frame> damage)
            throws IOException {
        RandomCohort cohort = RandomCohort.generate(46, 200, 120);
        Path source = directory.resolve("source-" + name + ".seg");
        cohort.write(source, new SegmentWriterOptions(1, 4096, 30).withCompression(SegmentWriterOptions.Compression.ZSTD)
                .withMinimumSavingPercent(0));
        Path damaged = directory.resolve(name + ".seg");
        SegmentRewriter.rewrite(source, damaged, (block, site, genotypes) -> {
            if (block == 1) {
                assertThat(genotypes.codec()).isEqualTo(SegmentFormat.CODEC_ZSTD);
                return new SegmentRewriter.Frame[] {site, damage.apply(genotypes)};
            }
            return new SegmentRewriter.Frame[] {site, genotypes};
        });
        PermedException error = readError(damaged);
        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.CORRUPT_SEGMENT);
        assertThat(error.details()).containsEntry("block", 1);
        assertThat(error.getMessage()).contains(damaged.toString()).contains("restore");
        return error;
    }

    @Test
    void zstdFramesThatPassTheChecksumButAreDamagedAreDetected() throws IOException {
        assertThat(damageGenotypeFrame("garbage", frame -> {
            byte[] bytes = frame.stored().clone();
            Arrays.fill(bytes, (byte) 0x41);
            return new SegmentRewriter.Frame(frame.codec(), bytes, frame.rawLength());
        })).hasMessageContaining("zstd");
        assertThat(damageGenotypeFrame("trailing", frame -> new SegmentRewriter.Frame(frame.codec(),
                Arrays.copyOf(frame.stored(), frame.stored().length + 3), frame.rawLength())))
                .hasMessageContaining("zstd frame has");
        assertThat(damageGenotypeFrame("cut", frame -> new SegmentRewriter.Frame(frame.codec(),
                Arrays.copyOf(frame.stored(), frame.stored().length - 1), frame.rawLength())))
                .hasMessageContaining("zstd");
        assertThat(damageGenotypeFrame("two-frames", frame -> {
            byte[] twice = Arrays.copyOf(frame.stored(), frame.stored().length * 2);
            System.arraycopy(frame.stored(), 0, twice, frame.stored().length, frame.stored().length);
            return new SegmentRewriter.Frame(frame.codec(), twice, frame.rawLength() * 2);
        })).hasMessageContaining("zstd frame has");
        assertThat(damageGenotypeFrame("raw-length", frame -> new SegmentRewriter.Frame(frame.codec(), frame.stored(),
                frame.rawLength() - 8))).hasMessageContaining("content size");
        assertThat(damageGenotypeFrame("no-content-size", frame -> {
            byte[] raw = new byte[frame.rawLength()];
            try (com.github.luben.zstd.ZstdDecompressCtx decompressor = new com.github.luben.zstd.ZstdDecompressCtx()) {
                assertThat(decompressor.decompressByteArray(raw, 0, raw.length, frame.stored(), 0, frame.stored().length))
                        .isEqualTo(raw.length);
            }
            try (ZstdCompressCtx compressor = new ZstdCompressCtx().setContentSize(false)) {
                return new SegmentRewriter.Frame(frame.codec(), compressor.compress(raw), frame.rawLength());
            }
        })).hasMessageContaining("Content size is unknown");
    }

    @Test
    void anUnknownCodecIdAsksForAnUpgradeAndAHighOneIsCorruption() throws IOException {
        RandomCohort cohort = RandomCohort.generate(47, 50, 60);
        Path source = directory.resolve("codec-source.seg");
        cohort.write(source, new SegmentWriterOptions(1, 4096, 20));
        for (int codec : new int[] {3, 16}) {
            Path path = directory.resolve("codec-" + codec + ".seg");
            SegmentRewriter.rewrite(source, path, (block, site, genotypes) -> new SegmentRewriter.Frame[] {site,
                block == 2 ? new SegmentRewriter.Frame(codec, genotypes.stored(), genotypes.rawLength()) : genotypes});
            assertThatThrownBy(() -> Segment.open(path)).isInstanceOfSatisfying(PermedException.class, error ->
                    assertThat(error.errorCode()).isEqualTo(codec == 3 ? ColumnarErrorCode.UNSUPPORTED_FORMAT_VERSION
                            : ColumnarErrorCode.CORRUPT_SEGMENT));
        }
    }

    /**
     * {@code src/test/resources/segments/format-1.0.seg} was written by the format 1.0 writer (Deflate
     * only, before zstd was added) with {@code RandomCohort.generate(21, 40, 80).write(path, new
     * SegmentWriterOptions(6, 4096, 12))}: site frames stored, genotype frames deflated. It must
     * still read exactly.
     */
    @Test
    void aFormat10FileWrittenBeforeZstdStillReads() throws IOException {
        Path path = directory.resolve("format-1.0.seg");
        try (InputStream fixture = ZstdCodecTest.class.getResourceAsStream("/segments/format-1.0.seg")) {
            assertThat(fixture).isNotNull();
            Files.copy(fixture, path);
        }
        assertThat(Files.readAllBytes(path)[10]).isZero();
        try (Segment segment = Segment.open(path)) {
            assertThat(SegmentInspector.formatMinorVersion(segment)).isZero();
        }
        assertThat(features(path)).containsKeys("deflated-frames", "site-stored-frames").doesNotContainKeys("zstd-frames",
                "site-zstd-frames");
        RandomCohort cohort = RandomCohort.generate(21, 40, 80);
        assertReadsBack(path, cohort);
        // the same cohort written today with Deflate has the same blocks and raw frames, in a 1.1 file
        Path today = directory.resolve("today.seg");
        cohort.write(today, new SegmentWriterOptions(6, 4096, 12).withCompression(SegmentWriterOptions.Compression.DEFLATE));
        assertThat(Files.readAllBytes(today)[10]).isEqualTo((byte) 1);
        SegmentRewriter.Frame[][] old = SegmentRewriter.frames(path);
        SegmentRewriter.Frame[][] current = SegmentRewriter.frames(today);
        assertThat(current.length).isEqualTo(old.length);
        for (int block = 0; block < old.length; block++) {
            assertThat(current[block][0].codec()).isEqualTo(old[block][0].codec());
            assertThat(current[block][0].stored()).isEqualTo(old[block][0].stored());
            assertThat(current[block][1].rawLength()).isEqualTo(old[block][1].rawLength());
        }
    }
}
