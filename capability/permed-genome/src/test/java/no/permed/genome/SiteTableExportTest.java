package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet site tables can be queried with plain SQL by a tool that knows nothing of permed (here
 * DuckDB over JDBC), and hold bcftools' counts, with per-super-population columns that add up.
 */
class SiteTableExportTest {
    private static final String NAME = "1kg_phase3_chr22_2504samples_first2000";

    @TempDir
    Path directory;

    @Test
    void siteTablesHoldBcftoolsCountsAndAddUpPerSuperPopulation() throws Exception {
        // the 1000 Genomes panel of the demo data: sample, population, super_population, sex
        Path panel = Path.of("../../app/permed-app/src/main/resources/no/permed/app/demo/1kg_phase3_samples.tsv");
        assertThat(panel).exists();
        try (TestStore test = new TestStore(directory)) {
            test.store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData(NAME + ".vcf.gz")),
                    new IngestTarget.Cohort("kg", Optional.of(panel))).withAssembly(Assembly.GRCH37), IngestProgress.NONE);
            Path out = directory.resolve("sites");
            List<Path> files = test.store.exportSiteTables(Assembly.GRCH37, out);
            assertThat(files).hasSize(1);
            assertThat(Files.size(files.get(0))).isPositive();

            Map<String, Expected.Counts> expected = Expected.counts(TestStore.vcfExpected(NAME + ".counts.tsv.gz"));
            Map<String, Expected.Counts> actual = new HashMap<>();
            String glob = out.resolve("*.parquet").toString().replace("'", "''");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT contig, position, ref, alt, ac, an, hom, hemi,"
                            + " an_AFR + an_AMR + an_EAS + an_EUR + an_SAS AS an_sum, ac_AFR + ac_AMR + ac_EAS + ac_EUR + ac_SAS AS ac_sum"
                            + " FROM read_parquet('" + glob + "')")) {
                while (rows.next()) {
                    String key = rows.getString(1) + "\t" + rows.getInt(2) + "\t" + rows.getString(3) + "\t" + rows.getString(4);
                    actual.put(key, new Expected.Counts(rows.getInt(5), rows.getInt(6), rows.getInt(7), rows.getInt(8)));
                    assertThat(rows.getInt("an_sum")).as("super-population AN adds up at %s", key).isEqualTo(rows.getInt(6));
                    assertThat(rows.getInt("ac_sum")).as("super-population AC adds up at %s", key).isEqualTo(rows.getInt(5));
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
    }
}
