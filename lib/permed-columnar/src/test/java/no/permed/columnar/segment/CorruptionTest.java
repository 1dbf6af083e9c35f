package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.SampleSet;
import no.permed.columnar.segment.SegmentWriterOptions.Compression;
import no.permed.columnar.testdata.RandomCohort;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Damaged files give a clear error naming file and block, never wrong genotypes. */
class CorruptionTest {
    @TempDir
    Path directory;

    private Path writeCohort(String name, int samples, int sites, int maxSitesPerBlock) {
        Path path = directory.resolve(name);
        RandomCohort.generate(11, samples, sites).write(path, new SegmentWriterOptions(6, 4096, maxSitesPerBlock));
        return path;
    }

    /** A cohort with at least one genotype frame compressed by the given codec choice (AUTO: by either codec). */
    private Path writeCohort(String name, int samples, int sites, int maxSitesPerBlock, Compression compression) {
        Path path = directory.resolve(name);
        RandomCohort.generate(11, samples, sites).write(path, new SegmentWriterOptions(6, 4096, maxSitesPerBlock)
                .withCompression(compression));
        try (Segment segment = Segment.open(path)) {
            Map<String, Integer> features = SegmentInspector.features(segment);
            boolean deflated = features.containsKey("deflated-frames");
            boolean zstd = features.containsKey("zstd-frames");
            assertThat(switch (compression) {
                case DEFLATE -> deflated && !zstd;
                case ZSTD -> zstd && !deflated;
                case AUTO -> deflated || zstd;
            }).as("frames of %s: %s", compression, features).isTrue();
        }
        return path;
    }

    /** Opens the file and reads every block through both decoders; returns the error or null. */
    private static Throwable readEverything(Path path) {
        return catchThrowable(() -> {
            try (Segment segment = Segment.open(path)) {
                segment.countAlleles(SampleSet.all(segment.sampleCount()), 2);
                SegmentCursor cursor = segment.cursor();
                byte[] codes = new byte[segment.sampleCount()];
                while (cursor.next()) {
                    cursor.site();
                    cursor.copyCallsTo(codes, 0);
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void aFlippedByteInABlockNamesFileAndBlock(Compression compression) throws IOException {
        Path original = writeCohort("blocks.seg", 300, 400, 40, compression);
        Random random = new Random(3);
        int blockCount;
        long[][] extents;
        try (Segment segment = Segment.open(original)) {
            blockCount = SegmentInspector.blockCount(segment);
            extents = new long[blockCount][];
            for (int block = 0; block < blockCount; block++) {
                extents[block] = SegmentInspector.blockExtent(segment, block);
            }
        }
        assertThat(blockCount).isGreaterThan(5);
        byte[] bytes = Files.readAllBytes(original);
        for (int block = 0; block < blockCount; block++) {
            byte[] damaged = bytes.clone();
            int offset = (int) (extents[block][0] + random.nextInt((int) extents[block][1]));
            damaged[offset] ^= (byte) (1 << random.nextInt(8));
            Path path = directory.resolve("damaged-" + block + ".seg");
            Files.write(path, damaged);
            int expectedBlock = block;
            try (Segment segment = Segment.open(path)) {
                assertThatThrownBy(() -> segment.countAlleles(SampleSet.all(300)))
                        .isInstanceOfSatisfying(PermedException.class, error -> {
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.CORRUPT_SEGMENT);
                            assertThat(error.details()).containsEntry("block", expectedBlock);
                        })
                        .hasMessageContaining(path.toString())
                        .hasMessageContaining("block " + block + " of " + blockCount)
                        .hasMessageContaining("CRC32C")
                        .hasMessageContaining("restore");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everySingleByteFlipAnywhereIsDetected(Compression compression) throws IOException {
        Path original = writeCohort("small.seg", 70, 60, 16, compression);
        byte[] bytes = Files.readAllBytes(original);
        Path path = directory.resolve("flipped.seg");
        for (int offset = 0; offset < bytes.length; offset++) {
            byte[] damaged = bytes.clone();
            damaged[offset] ^= (byte) 0x5A;
            Files.write(path, damaged);
            Throwable error = readEverything(path);
            if (!(error instanceof PermedException permed)) {
                throw new AssertionError("flipping byte " + offset + " of " + bytes.length + " was not detected: " + error);
            }
            assertThat(permed.errorCode()).isIn(ColumnarErrorCode.CORRUPT_SEGMENT, ColumnarErrorCode.NOT_A_SEGMENT);
            assertThat(permed.getMessage()).contains(path.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void truncationAtAnyPointIsReportedAsTruncation(Compression compression) throws IOException {
        Path original = writeCohort("truncate.seg", 120, 300, 30, compression);
        byte[] bytes = Files.readAllBytes(original);
        Random random = new Random(5);
        int[] lengths = new int[25];
        lengths[0] = 0;
        lengths[1] = 7;
        lengths[2] = 63;
        lengths[3] = 64;
        lengths[4] = bytes.length - 1;
        for (int index = 5; index < lengths.length; index++) {
            lengths[index] = random.nextInt(bytes.length);
        }
        Path path = directory.resolve("truncated.seg");
        for (int length : lengths) {
            Files.write(path, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> Segment.open(path).close())
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.TRUNCATED_SEGMENT))
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("truncated");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 10);
        Files.write(path, longer);
        assertThatThrownBy(() -> Segment.open(path).close()).hasMessageContaining("appended to");
    }

    @Test
    void filesThatAreNotSegmentsAreNamedAsSuch() throws IOException {
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n".repeat(3));
        assertThatThrownBy(() -> Segment.open(text))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.NOT_A_SEGMENT))
                .hasMessageContaining(text.toString());
        assertThatThrownBy(() -> Segment.open(directory.resolve("missing.seg")))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SEGMENT_NOT_FOUND));
    }

    @Test
    void aNewerMajorVersionAsksForAnUpgrade() throws IOException {
        Path original = writeCohort("version.seg", 10, 10, 100);
        byte[] bytes = Files.readAllBytes(original);
        bytes[8] = 2;
        bytes[10] = 0;
        java.util.zip.CRC32C checksum = new java.util.zip.CRC32C();
        checksum.update(bytes, 0, 60);
        int value = (int) checksum.getValue();
        for (int index = 0; index < 4; index++) {
            bytes[60 + index] = (byte) (value >>> (8 * index));
        }
        Path path = directory.resolve("future.seg");
        Files.write(path, bytes);
        assertThatThrownBy(() -> Segment.open(path))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.UNSUPPORTED_FORMAT_VERSION))
                .hasMessageContaining("2.0").hasMessageContaining("upgrade permed");
    }
}
