package no.permed.genome;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.permed.db.Database;
import no.permed.db.DatabaseConfig;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.vcf.genome.Assembly;

/**
 * A separate JVM that ingests one file as a cohort, for {@link CrashRecoveryTest} to kill. Prints
 * {@code OPENED} once the store is open, {@code PUBLISHED} when the file has been read and its segment
 * written under its final name (the ingest's progress report at the end of the file), and
 * {@code COMMITTED n} after the catalogue rows are in.
 *
 * <p>Arguments: JDBC URL (with user), store directory, VCF file, assembly. The JVM starts, connects to the
 * database and says {@code READY}, then waits for the cohort name on standard input before it opens the
 * store, so that a test can start the next process while it checks the last one.
 */
public final class IngestProcess {
    private IngestProcess() {
    }

    public static void main(String[] args) {
        String url = args[0];
        Path root = Path.of(args[1]);
        Path vcf = Path.of(args[2]);
        Assembly assembly = Assembly.parse(args[3]);
        Database database = Database.external(new DatabaseConfig(Optional.of(url), Optional.of("postgres"), Optional.empty(), 2,
                DatabaseConfig.DEFAULT_CONNECT_TIMEOUT));
        // load the classes of the ingest path and check the schema before the go (neither touches the store's
        // files), so that the run itself is short
        for (Class<?> type : List.of(GenomeStore.class, no.permed.genome.ingest.Ingests.class, no.permed.vcf.read.VcfReader.class,
                no.permed.columnar.segment.SegmentWriter.class, no.permed.columnar.segment.Segment.class)) {
            type.getName();
        }
        database.migrate("genome");
        say("READY");
        String cohort;
        try {
            cohort = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        } catch (java.io.IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
        if (cohort == null || cohort.isBlank()) {
            database.close();
            System.exit(0);
        }
        try (GenomeStore store = GenomeStore.open(database, root, new TestStore.HmacPseudonymizer(), event -> 0, Clock.systemUTC())) {
            say("OPENED");
            IngestResult result = store.ingest(TestStore.LAB, IngestRequest.of(List.of(vcf), new IngestTarget.Cohort(cohort, Optional.empty()))
                    .withAssembly(assembly), (file, bytesRead, bytesTotal) -> say("PUBLISHED"));
            say("COMMITTED " + result.sampleIds().size());
        } finally {
            database.close();
        }
        System.exit(0);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
