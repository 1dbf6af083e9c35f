package no.permed.columnar.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Genotype;
import no.permed.columnar.GenotypeCodes;
import no.permed.columnar.Site;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-once, atomic publication, and input validation of the writer. */
class SegmentWriterTest {
    @TempDir
    Path directory;

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }


    @Test
    void aWriterThatFailsMidwayLeavesNoFileAtAll() throws IOException {
        Path target = directory.resolve("failed.seg");
        SiteCalls calls = new SiteCalls(50);
        assertThatThrownBy(() -> {
            try (SegmentWriter writer = SegmentWriter.create(target, 50, new SegmentWriterOptions(6, 4096, 5))) {
                for (int position = 1; position <= 100; position++) {
                    calls.setDiploid(position % 50, GenotypeCodes.REFERENCE, GenotypeCodes.ALTERNATE, true);
                    writer.add(new Site("1", position, "A", "G"), calls);
                }
                throw new IllegalStateException("the VCF ended early");
            }
        }).hasMessage("the VCF ended early");
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void aWriterThatIsNeverClosedLeavesOnlyARecognisableTemporaryFile() throws IOException {
        Path target = directory.resolve("crashed.seg");
        SegmentWriter writer = SegmentWriter.create(target, 5);
        writer.add(new Site("1", 10, "A", "G"), new SiteCalls(5));
        assertThat(target).doesNotExist();
        assertThat(filesIn(directory)).singleElement()
                .satisfies(file -> assertThat(SegmentWriter.isTemporaryFileName(file.getFileName().toString())).isTrue());
        writer.close();
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void segmentsAreWrittenOnceAndNeverReplaced() throws IOException {
        Path target = directory.resolve("once.seg");
        try (SegmentWriter writer = SegmentWriter.create(target, 3)) {
            writer.add(new Site("1", 10, "A", "G"), new SiteCalls(3));
            writer.commit();
        }
        byte[] first = Files.readAllBytes(target);
        assertThatThrownBy(() -> SegmentWriter.create(target, 3))
                .isInstanceOfSatisfying(PermedException.class, error ->
                        assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SEGMENT_EXISTS))
                .hasMessageContaining(target.toString());

        Path raced = directory.resolve("raced.seg");
        try (SegmentWriter writer = SegmentWriter.create(raced, 3)) {
            writer.add(new Site("1", 10, "A", "G"), new SiteCalls(3));
            Files.write(raced, first);
            assertThatThrownBy(writer::commit).isInstanceOfSatisfying(PermedException.class, error ->
                    assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SEGMENT_EXISTS));
        }
        assertThat(Files.readAllBytes(raced)).isEqualTo(first);
        assertThat(filesIn(directory)).containsExactlyInAnyOrder(target, raced);
    }

    @Test
    void committedWritersRefuseMoreWork() {
        Path target = directory.resolve("done.seg");
        try (SegmentWriter writer = SegmentWriter.create(target, 2)) {
            WrittenSegment written = writer.commit();
            assertThat(written.path()).isEqualTo(target.toAbsolutePath());
            assertThat(written.fileBytes()).isEqualTo(target.toFile().length());
            assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed");
            assertThatThrownBy(() -> writer.add(new Site("1", 1, "A", "C"), new SiteCalls(2)))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(target).exists();
    }

    @Test
    void sitesOutOfOrderAreRejectedAndTheWriterGoesOn() {
        Path target = directory.resolve("order.seg");
        SiteCalls calls = new SiteCalls(4);
        try (SegmentWriter writer = SegmentWriter.create(target, 4)) {
            writer.add(new Site("1", 100, "A", "G"), calls);
            writer.add(new Site("1", 100, "A", "T"), calls);
            assertError(() -> writer.add(new Site("1", 99, "C", "G"), calls), ColumnarErrorCode.SITE_OUT_OF_ORDER,
                    "1:99:C:G comes after position 100");
            assertError(() -> writer.add(new Site("1", 100, "A", "G"), calls), ColumnarErrorCode.SITE_OUT_OF_ORDER,
                    "already added");
            writer.add(new Site("2", 5, "A", "G"), calls);
            assertError(() -> writer.add(new Site("1", 200, "A", "G"), calls), ColumnarErrorCode.SITE_OUT_OF_ORDER,
                    "returns to contig 1");
            assertError(() -> writer.add(new Site("2", 6, "A", "G"), new SiteCalls(5)), ColumnarErrorCode.SAMPLE_COUNT_MISMATCH,
                    "5 samples");
            calls.set(2, (byte) 0x7F);
            assertError(() -> writer.add(new Site("2", 6, "A", "G"), calls), ColumnarErrorCode.INVALID_CALL,
                    "call code 127 of sample 2 at site 2:6:A:G");
            calls.set(2, Genotype.parse("1|0"));
            writer.add(new Site("2", 6, "A", "G"), calls);
            assertThat(writer.commit().siteCount()).isEqualTo(4);
        }
        try (Segment segment = Segment.open(target)) {
            assertThat(segment.contigs()).containsExactly("1", "2");
            assertThat(segment.sites(no.permed.columnar.GenomicRegion.of("2", 1, 100)))
                    .containsExactly(new Site("2", 5, "A", "G"), new Site("2", 6, "A", "G"));
            assertThat(segment.carriers(3)).containsExactly(new SampleCall(2, Genotype.parse("1|0")));
        }
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        assertError(() -> SegmentWriter.create(directory.resolve("no/such/dir/x.seg"), 1), ColumnarErrorCode.IO_FAILURE,
                "does not exist");
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ColumnarErrorCode code,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PermedException.class, error ->
                assertThat(error.errorCode()).isEqualTo(code)).hasMessageContaining(message);
    }
}
