package no.permed.columnar.sitetable;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.permed.columnar.ColumnarErrorCode;
import no.permed.columnar.Site;
import no.permed.columnar.internal.AtomicFiles;
import no.permed.columnar.segment.AlleleCounts;
import no.permed.columnar.segment.Segment;
import no.permed.columnar.segment.SegmentCursor;
import no.permed.kernel.PermedException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes the site table of a segment as a Parquet file through embedded DuckDB: one row per site
 * with its counts, so that DuckDB, Spark or any Parquet reader can query it with SQL and no permed
 * code. Columns, in order:
 *
 * <pre>
 * contig VARCHAR, position INTEGER, ref VARCHAR, alt VARCHAR,
 * ac INTEGER, an INTEGER, hom INTEGER, hemi INTEGER,
 * then per population: ac_NAME, an_NAME, hom_NAME, hemi_NAME (INTEGER)
 * </pre>
 *
 * Rows are in segment order. The file is written like a segment: to a temporary file in the
 * target's directory, forced to disk, published under its final name without replacing an
 * existing file. Example: {@code SELECT sum(ac) FROM 'sites.parquet' WHERE contig = '22'}.
 */
public final class SiteTableExport {
    private SiteTableExport() {
    }

    /**
     * Writes the table. {@code counts} and every population's counts must come from
     * {@code segment} (same number of sites). Returns the number of rows written.
     */
    public static long writeParquet(Segment segment, AlleleCounts counts, List<PopulationCounts> populations, Path target) {
        requireNonNull(segment, "segment is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(populations, "populations is null");
        requireNonNull(target, "target is null");
        List<PopulationCounts> populationList = List.copyOf(populations);
        checkCounts(segment, counts, "the total counts");
        Set<String> names = new HashSet<>();
        for (PopulationCounts population : populationList) {
            checkCounts(segment, population.counts(), "the counts of population " + population.name());
            if (!names.add(population.name().toLowerCase(Locale.ROOT))) {
                throw new PermedException(ColumnarErrorCode.INVALID_POPULATION, "population " + population.name()
                        + " is given twice (names are compared without case)", Map.of("population", population.name()));
            }
        }
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw AtomicFiles.exists(absolute);
        }
        Path temporary = null;
        try {
            temporary = AtomicFiles.createTemporarySibling(absolute);
            Files.delete(temporary);
            long rows = export(segment, counts, populationList, temporary);
            AtomicFiles.force(temporary);
            AtomicFiles.publish(temporary, absolute);
            return rows;
        } catch (SQLException failure) {
            throw new PermedException(ColumnarErrorCode.EXPORT_FAILED, "DuckDB could not write the site table "
                    + absolute + " (" + failure.getMessage() + "); check free space and permissions of the directory",
                    Map.of("file", absolute.toString()), failure);
        } catch (IOException failure) {
            throw new PermedException(ColumnarErrorCode.IO_FAILURE, "cannot write the site table " + absolute + ": "
                    + failure + "; check free space and permissions", Map.of("file", absolute.toString()), failure);
        } finally {
            AtomicFiles.deleteQuietly(temporary);
        }
    }

    private static long export(Segment segment, AlleleCounts counts, List<PopulationCounts> populations, Path file)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            StringBuilder columns = new StringBuilder(
                    "contig VARCHAR, position INTEGER, ref VARCHAR, alt VARCHAR, ac INTEGER, an INTEGER, hom INTEGER, hemi INTEGER");
            for (PopulationCounts population : populations) {
                String name = population.name();
                columns.append(", ac_").append(name).append(" INTEGER, an_").append(name).append(" INTEGER, hom_")
                        .append(name).append(" INTEGER, hemi_").append(name).append(" INTEGER");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE sites (" + columns + ")");
            }
            List<AlleleCounts> populationCounts = new ArrayList<>();
            for (PopulationCounts population : populations) {
                populationCounts.add(population.counts());
            }
            long rows = 0;
            DuckDBConnection duckdb = connection.unwrap(DuckDBConnection.class);
            try (DuckDBAppender appender = duckdb.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "sites")) {
                SegmentCursor cursor = segment.cursor();
                while (cursor.next()) {
                    int siteIndex = cursor.siteIndex();
                    Site site = cursor.site();
                    appender.beginRow();
                    appender.append(site.contig());
                    appender.append(site.position());
                    appender.append(site.reference());
                    appender.append(site.alternate());
                    appendCounts(appender, counts, siteIndex);
                    for (AlleleCounts population : populationCounts) {
                        appendCounts(appender, population, siteIndex);
                    }
                    appender.endRow();
                    rows++;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY sites TO '" + file.toString().replace("'", "''")
                        + "' (FORMAT parquet, COMPRESSION zstd)");
            }
            return rows;
        }
    }

    private static void appendCounts(DuckDBAppender appender, AlleleCounts counts, int siteIndex) throws SQLException {
        appender.append(counts.alleleCount(siteIndex));
        appender.append(counts.alleleNumber(siteIndex));
        appender.append(counts.homozygousAlternateCount(siteIndex));
        appender.append(counts.hemizygousAlternateCount(siteIndex));
    }

    private static void checkCounts(Segment segment, AlleleCounts counts, String what) {
        if (counts.siteCount() != segment.siteCount()) {
            throw new PermedException(ColumnarErrorCode.SITE_COUNT_MISMATCH, what + " cover " + counts.siteCount()
                    + " sites but segment " + segment.path().getFileName() + " has " + segment.siteCount()
                    + "; count over the same segment", Map.of("expected", segment.siteCount(), "actual", counts.siteCount()));
        }
    }
}
