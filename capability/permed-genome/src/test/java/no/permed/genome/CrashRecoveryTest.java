package no.permed.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.permed.columnar.segment.Segment;
import no.permed.db.Database;
import no.permed.db.DatabaseConfig;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestTarget;
import no.permed.genome.query.SampleSelection;
import no.permed.kernel.PermedException;
import no.permed.testing.SharedPostgres;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of ingest: a separate JVM ({@link IngestProcess}) ingests a 2,504-sample cohort and is
 * killed with SIGKILL at random points (seeded; the seed is printed, {@code -Dpermed.crash.seed=N} repeats
 * a run): while reading and writing, right after its segment file is published but before or while the
 * catalogue commits, and after the commit. After every kill the store, opened in this JVM, is consistent:
 * every live segment file exists and opens, the interrupted cohort is either complete (counts equal
 * bcftools') or absent, no temporary or orphan file is left, and the cohort committed at the start is
 * unchanged. Finally the interrupted file ingests cleanly where it was absent.
 */
class CrashRecoveryTest {
    private static final String EARLIER = "VariantAnnotation_chr22_5samples_first2000";
    private static final String BIG = "1kg_phase3_chr22_2504samples_first2000";
    private static final int TRIALS = 20;

    @TempDir
    Path directory;

    private enum Phase { BEFORE_PUBLISH, PUBLISHED, COMMITTED }

    /** What a child said, with when (nanoTime). */
    private static final class Child {
        final Process process;
        final Map<String, Long> said = new ConcurrentHashMap<>();
        final Thread reader;

        Child(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        said.putIfAbsent(line.split(" ")[0], System.nanoTime());
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "ingest-process-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until the child said {@code word}; false when it ended (or the time ran out) first. */
        boolean await(String word, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (!said.containsKey(word)) {
                    if (!process.isAlive() && !reader.isAlive()) {
                        return false;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(Math.max(1, Math.min(50, left / 1_000_000)));
                }
            }
            return true;
        }

        /** Lets the waiting child open the store and ingest under this cohort name. */
        void go(String cohort) throws IOException {
            process.getOutputStream().write((cohort + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        Phase phase() {
            return said.containsKey("COMMITTED") ? Phase.COMMITTED : said.containsKey("PUBLISHED") ? Phase.PUBLISHED : Phase.BEFORE_PUBLISH;
        }
    }

    @Test
    void killedIngestsLeaveAConsistentStore() throws Exception {
        long seed = Long.getLong("permed.crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed + " (repeat with -Dpermed.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Path logbackConfig = directory.resolve("logback-quiet.xml");
        Files.writeString(logbackConfig, "<configuration><root level=\"WARN\"/></configuration>\n");
        Path bigFile = TestStore.vcfData(BIG + ".vcf.gz");
        Map<String, Expected.Counts> bigExpected = Expected.counts(TestStore.vcfExpected(BIG + ".counts.tsv.gz"));
        Map<String, Expected.Counts> earlierExpected = Expected.counts(TestStore.vcfExpected(EARLIER + ".counts.tsv.gz"));

        // one full run on a scratch store, to measure the phases of the child's run
        String scratchUrl = SharedPostgres.freshDatabaseUrl();
        try (Database scratch = database(scratchUrl)) {
            scratch.migrate("genome");
        }
        Child measured = start(scratchUrl, directory.resolve("scratch"), bigFile, logbackConfig);
        assertThat(measured.await("READY", Duration.ofSeconds(60))).isTrue();
        measured.go("measure");
        assertThat(measured.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(measured.process.exitValue()).as("the measuring run (its errors are in %s)", directory.resolve("ingest-process.err"))
                .isZero();
        long opened = measured.said.get("OPENED");
        long readAndWritten = measured.said.get("PUBLISHED") - opened;
        long committing = measured.said.get("COMMITTED") - measured.said.get("PUBLISHED");
        System.out.printf(java.util.Locale.ROOT, "CrashRecoveryTest: one run: ingest %d ms, catalogue commit %d ms%n",
                readAndWritten / 1_000_000, committing / 1_000_000);

        String url = SharedPostgres.freshDatabaseUrl();
        Path root = directory.resolve("genome");
        List<String> log = new ArrayList<>();
        Map<Phase, Integer> phases = new LinkedHashMap<>();
        int orphansSeen = 0;
        List<String> absent = new ArrayList<>();
        List<String> present = new ArrayList<>();
        try (Database database = database(url)) {
            try (GenomeStore store = open(database, root)) {
                store.ingest(TestStore.LAB, IngestRequest.of(List.of(TestStore.vcfData(EARLIER + ".vcf.gz")),
                        new IngestTarget.Cohort("earlier", Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE);
            }
            Child next = start(url, root, bigFile, logbackConfig);
            for (int trial = 0; trial < TRIALS; trial++) {
                String cohort = "big-" + trial;
                Child child = next;
                long t0 = System.nanoTime();
                assertThat(child.await("READY", Duration.ofSeconds(60))).as("trial %d: the child started", trial).isTrue();
                child.go(cohort);
                long t1 = System.nanoTime();
                // the next process warms up (JVM, classes, database connection) meanwhile; it touches no file before its go
                next = start(url, root, bigFile, logbackConfig);
                String how;
                assertThat(child.await("OPENED", Duration.ofSeconds(60))).as("trial %d: the child opened the store", trial).isTrue();
                long t2 = System.nanoTime();
                switch (trial % 4) {
                    case 0, 1 -> {
                        // anywhere in the run: reading, normalising, writing blocks, publishing, committing
                        long delay = (long) (random.nextDouble() * 1.15 * (readAndWritten + committing));
                        how = "at " + delay / 1_000_000 + " ms";
                        sleepNanos(delay);
                    }
                    case 2 -> {
                        // after the segment file is published: before or during the catalogue transaction
                        assertThat(child.await("PUBLISHED", Duration.ofSeconds(60))).as("trial %d published", trial).isTrue();
                        long delay = (long) (random.nextDouble() * committing);
                        how = "published + " + delay / 1_000_000 + " ms";
                        sleepNanos(delay);
                    }
                    default -> {
                        // after the commit, while the child closes
                        assertThat(child.await("COMMITTED", Duration.ofSeconds(60))).as("trial %d committed", trial).isTrue();
                        long delay = random.nextInt(5_000_000);
                        how = "committed + " + delay / 1_000_000 + " ms";
                        sleepNanos(delay);
                    }
                }
                child.process.destroyForcibly();
                assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                Phase phase = child.phase();
                phases.merge(phase, 1, Integer::sum);

                // what the kill left before recovery: files the catalogue does not know
                Set<String> known = new HashSet<>(database.jdbi().withHandle(handle ->
                        handle.createQuery("select file_name from genome.segment").mapTo(String.class).list()));
                long orphans = MultiFileIngestTest.filesIn(root.resolve("segments")).stream().filter(name -> !known.contains(name)).count();
                orphansSeen += orphans;

                long t3 = System.nanoTime();
                try (GenomeStore store = open(database, root)) {
                    int stored = checkConsistent(store, root, cohort, bigExpected, earlierExpected, trial);
                    if (phase == Phase.COMMITTED) {
                        assertThat(stored).as("trial %d: the child reported the commit", trial).isPositive();
                    }
                    if (phase == Phase.BEFORE_PUBLISH) {
                        assertThat(stored).as("trial %d: killed before its segment was published", trial).isZero();
                    }
                    (stored > 0 ? present : absent).add(cohort);
                    log.add(String.format(java.util.Locale.ROOT, "trial %2d: killed %-22s phase %-14s orphan files %d -> %s", trial, how,
                            phase, orphans, stored > 0 ? "complete" : "absent")
                            + String.format(java.util.Locale.ROOT, " (waited %d ms for start, %d ms to open; killed after %d ms; checked in %d ms)",
                            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000));
                }
            }
            next.go("");
            next.process.waitFor(30, TimeUnit.SECONDS);
            next.process.destroyForcibly();
            log.forEach(line -> System.out.println("CrashRecoveryTest " + line));
            System.out.println("CrashRecoveryTest phases at the kill: " + phases + ", orphan segment files removed at open: " + orphansSeen);
            assertThat(phases).containsKeys(Phase.BEFORE_PUBLISH, Phase.COMMITTED);
            assertThat(absent).as("some kills interrupted the ingest").isNotEmpty();
            assertThat(present).as("some kills came after the commit").isNotEmpty();

            // the interrupted file ingests cleanly afterwards where it was absent; where it is complete it is not stored twice
            try (GenomeStore store = open(database, root)) {
                for (String cohort : absent.subList(absent.size() - 1, absent.size())) {
                    store.ingest(TestStore.LAB, IngestRequest.of(List.of(bigFile), new IngestTarget.Cohort(cohort, Optional.empty()))
                            .withAssembly(Assembly.GRCH37), IngestProgress.NONE);
                    assertThat(checkConsistent(store, root, cohort, bigExpected, earlierExpected, -1)).isEqualTo(2504);
                }
                assertThatThrownBy(() -> store.ingest(TestStore.LAB, IngestRequest.of(List.of(bigFile),
                        new IngestTarget.Cohort(present.get(0), Optional.empty())).withAssembly(Assembly.GRCH37), IngestProgress.NONE))
                        .isInstanceOfSatisfying(PermedException.class, failure ->
                                assertThat(failure.errorCode().code()).isEqualTo("GENOME_SAMPLE_EXISTS"));
            }
        }
    }

    /** Checks the store after a kill; returns the number of samples of the interrupted cohort (0 or all). */
    private static int checkConsistent(GenomeStore store, Path root, String cohort, Map<String, Expected.Counts> bigExpected,
            Map<String, Expected.Counts> earlierExpected, int trial) throws IOException {
        // every live segment file exists and opens; nothing else is on disk
        Set<String> live = new HashSet<>();
        for (Path file : store.segmentFiles()) {
            assertThat(file).as("trial %d", trial).exists();
            try (Segment segment = Segment.open(file)) {
                assertThat(segment.sampleCount()).isPositive();
            }
            live.add(file.getFileName().toString());
        }
        assertThat(MultiFileIngestTest.filesIn(root.resolve("segments"))).as("trial %d: files in segments/", trial)
                .containsExactlyInAnyOrderElementsOf(live);
        assertThat(MultiFileIngestTest.filesIn(root.resolve("tmp"))).as("trial %d: files in tmp/", trial).isEmpty();
        for (StoredSample sample : store.samples()) {
            assertThat(live).contains(sample.segmentId() + GenomeStore.SEGMENT_SUFFIX);
        }

        // the cohort committed at the start is unchanged
        assertCohortCounts(store, "earlier", earlierExpected, trial);

        // the interrupted cohort: all or nothing
        List<StoredSample> samples = store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of(cohort))).toList();
        assertThat(samples.size()).as("trial %d: samples of %s", trial, cohort).isIn(0, 2504);
        if (!samples.isEmpty()) {
            assertThat(samples.stream().map(StoredSample::segmentId).distinct()).hasSize(1);
            assertCohortCounts(store, cohort, bigExpected, trial);
        }
        return samples.size();
    }

    private static void assertCohortCounts(GenomeStore store, String cohort, Map<String, Expected.Counts> expected, int trial) {
        Set<Long> rows = new HashSet<>();
        store.samples().stream().filter(sample -> sample.cohort().equals(Optional.of(cohort))).forEach(sample -> rows.add(sample.id()));
        Map<String, Expected.Counts> actual = new LinkedHashMap<>();
        store.forEachCount(Assembly.GRCH37, SampleSelection.of(rows), (contig, position, reference, alternate, ac, an, hom, hemi) -> {
            if (an > 0 || expected.containsKey(contig + "\t" + position + "\t" + reference + "\t" + alternate)) {
                actual.put(contig + "\t" + position + "\t" + reference + "\t" + alternate, new Expected.Counts(ac, an, hom, hemi));
            }
        });
        assertThat(actual).as("trial %d: counts of cohort %s", trial, cohort).isEqualTo(expected);
    }

    private static Database database(String url) {
        return Database.external(new DatabaseConfig(Optional.of(url), Optional.of("postgres"), Optional.empty(), 4,
                DatabaseConfig.DEFAULT_CONNECT_TIMEOUT));
    }

    private static GenomeStore open(Database database, Path root) {
        return GenomeStore.open(database, root, new TestStore.HmacPseudonymizer(), event -> 0, Clock.systemUTC());
    }

    private static Child start(String url, Path root, Path vcf, Path logbackConfig) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx512m",
                "-Dlogback.configurationFile=" + logbackConfig, "-cp", System.getProperty("java.class.path"),
                IngestProcess.class.getName(), url, root.toString(), vcf.toAbsolutePath().toString(), "GRCh37");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(root.getParent().resolve("ingest-process.err").toFile()));
        return new Child(builder.start());
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
