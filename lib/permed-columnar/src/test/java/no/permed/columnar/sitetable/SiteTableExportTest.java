package no.permed.columnar.sitetable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.SampleSet;
import no.permed.columnar.Site;
import no.permed.columnar.segment.AlleleCounts;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentWriterOptions;
import no.permed.columnar.testdata.RandomCohort;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet site table reads back through DuckDB SQL with the counts that were exported. */
class SiteTableExportTest {
    @TempDir
    Path directory;

    @Test
    void duckDbReadsTheCountsBack() throws Exception {
        RandomCohort cohort = RandomCohort.generate(21, 150, 400);
        Path segmentPath = directory.resolve("cohort.seg");
        cohort.write(segmentPath, SegmentWriterOptions.defaults());
        Path table = directory.resolve("sites.parquet");
        try (Segment segment = Segment.open(segmentPath)) {
            SampleSet all = SampleSet.all(150);
            SampleSet firstHalf = SampleSet.of(150, java.util.stream.IntStream.range(0, 75).toArray());
            List<AlleleCounts> counts = segment.countAlleles(List.of(all, firstHalf, all.minus(firstHalf)), 2);
            long rows = SiteTableExport.writeParquet(segment, counts.get(0),
                    List.of(new PopulationCounts("EUR", counts.get(1)), new PopulationCounts("afr_2", counts.get(2))), table);
            assertThat(rows).isEqualTo(400);

            long expectedAlleleCount = counts.get(0).totalAlleleCount();
            long expectedNumber = 0;
            for (int site = 0; site < 400; site++) {
                expectedNumber += counts.get(0).alleleNumber(site);
            }
            int probe = 123;
            Site probeSite = cohort.site(probe);
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                String file = "'" + table.toString().replace("'", "''") + "'";
                try (ResultSet result = statement.executeQuery("SELECT count(*), sum(ac), sum(an), sum(ac_EUR + ac_afr_2),"
                        + " sum(an_EUR + an_afr_2), sum(hom - hom_EUR - hom_afr_2), sum(hemi - hemi_EUR - hemi_afr_2) FROM " + file)) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong(1)).isEqualTo(400);
                    assertThat(result.getLong(2)).isEqualTo(expectedAlleleCount);
                    assertThat(result.getLong(3)).isEqualTo(expectedNumber);
                    assertThat(result.getLong(4)).isEqualTo(expectedAlleleCount);
                    assertThat(result.getLong(5)).isEqualTo(expectedNumber);
                    assertThat(result.getLong(6)).isZero();
                    assertThat(result.getLong(7)).isZero();
                }
                try (ResultSet result = statement.executeQuery("SELECT contig, position, ref, alt, ac, an, hom, hemi FROM "
                        + file + " LIMIT 1 OFFSET " + probe)) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo(probeSite.contig());
                    assertThat(result.getInt(2)).isEqualTo(probeSite.position());
                    assertThat(result.getString(3)).isEqualTo(probeSite.reference());
                    assertThat(result.getString(4)).isEqualTo(probeSite.alternate());
                    assertThat(result.getInt(5)).isEqualTo(counts.get(0).alleleCount(probe));
                    assertThat(result.getInt(6)).isEqualTo(counts.get(0).alleleNumber(probe));
                    assertThat(result.getInt(7)).isEqualTo(counts.get(0).homozygousAlternateCount(probe));
                    assertThat(result.getInt(8)).isEqualTo(counts.get(0).hemizygousAlternateCount(probe));
                }
            }
            try (java.util.stream.Stream<Path> files = Files.list(directory)) {
                assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("cohort.seg", "sites.parquet");
            }

            assertThatThrownBy(() -> SiteTableExport.writeParquet(segment, counts.get(0), List.of(), table))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SEGMENT_EXISTS));
            assertThatThrownBy(() -> SiteTableExport.writeParquet(segment, counts.get(0),
                    List.of(new PopulationCounts("eur", counts.get(1)), new PopulationCounts("EUR", counts.get(2))),
                    directory.resolve("twice.parquet")))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INVALID_POPULATION));
        }
    }

    @Test
    void countsOfAnotherSegmentAndBadNamesAreRejected() {
        RandomCohort small = RandomCohort.generate(22, 5, 10);
        RandomCohort other = RandomCohort.generate(23, 5, 11);
        small.write(directory.resolve("small.seg"), SegmentWriterOptions.defaults());
        other.write(directory.resolve("other.seg"), SegmentWriterOptions.defaults());
        try (Segment segment = Segment.open(directory.resolve("small.seg"));
                Segment otherSegment = Segment.open(directory.resolve("other.seg"))) {
            AlleleCounts otherCounts = otherSegment.countAlleles(SampleSet.all(5));
            assertThatThrownBy(() -> SiteTableExport.writeParquet(segment, otherCounts, List.of(), directory.resolve("x.parquet")))
                    .isInstanceOfSatisfying(PermedException.class, error ->
                            assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.SITE_COUNT_MISMATCH))
                    .hasMessageContaining("11 sites").hasMessageContaining("has 10");
            AlleleCounts counts = segment.countAlleles(SampleSet.all(5));
            for (String bad : List.of("", "1abc", "a-b", "drop table", "x".repeat(41))) {
                assertThatThrownBy(() -> new PopulationCounts(bad, counts))
                        .isInstanceOfSatisfying(PermedException.class, error ->
                                assertThat(error.errorCode()).isEqualTo(ColumnarErrorCode.INVALID_POPULATION));
            }
        }
    }
}
