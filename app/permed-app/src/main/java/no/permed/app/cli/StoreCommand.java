package no.permed.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.GenomeStore;
import no.permed.genome.StoredSample;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed store}: the genome store's maintenance: totals, compaction, erasure, Parquet site tables. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Genome store maintenance. Stop the server first when it uses the same data directory.",
        subcommands = {StoreCommand.Stats.class, StoreCommand.Compact.class, StoreCommand.Erase.class, StoreCommand.ExportSites.class})
final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed store stats}. */
    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Segments, samples, sites and bytes on disk.")
    static final class Stats extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (GenomeSession session = new GenomeSession(configuration())) {
                GenomeStore.Stats stats = session.genome.stats();
                PrintWriter out = spec.commandLine().getOut();
                out.printf(java.util.Locale.ROOT, "segments %d%nsamples %d%nsites %d%nsegment bytes %d%nassemblies %s%n", stats.segments(), stats.samples(),
                        stats.sites(), stats.segmentBytes(), stats.assemblies().stream().map(Assembly::displayName).sorted().toList());
                for (Path file : session.genome.segmentFiles()) {
                    out.println("segment file " + file);
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed store compact}. */
    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = {"Merge the segments of each assembly into one and remove erased samples' genotypes from disk."})
    static final class Compact extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (GenomeSession session = new GenomeSession(configuration())) {
                GenomeStore.CompactionResult result = session.genome.compact(session.operator);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(java.util.Locale.ROOT, "segments %d -> %d, %d samples moved, %d erased slots emptied, bytes %,d -> %,d%ntook %d ms%n",
                        result.segmentsBefore(), result.segmentsAfter(), result.samplesMoved(), result.erasedSlotsDropped(),
                        result.bytesBefore(), result.bytesAfter(), result.elapsedMillis());
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed store erase}. */
    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Erase a sample (e.g. a research participant who withdrew): no query returns it from now on;",
                "its genotypes leave the disk at the next compaction. The erasure is audited."})
    static final class Erase extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--sample", required = true, paramLabel = "ID", description = "The sample ID (COHORT/ID or lab:ORG/ID when ambiguous).")
        String sample;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (no personal data), e.g. 'consent withdrawn'.")
        String reason;

        @Override
        public Integer call() {
            try (GenomeSession session = new GenomeSession(configuration())) {
                long rowId = session.genome.selectByIds(List.of(sample)).sampleRowIds().orElseThrow().iterator().next();
                StoredSample stored = session.genome.sample(rowId).orElseThrow(() -> new PermedException(
                        GenomeErrorCode.SAMPLE_NOT_FOUND, "no sample " + sample, Map.of("sample", sample)));
                session.genome.erase(session.operator, rowId, reason);
                PrintWriter out = spec.commandLine().getOut();
                out.println("erased " + stored.label() + "; run 'permed store compact' to remove its genotypes from disk");
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed store export-sites}. */
    @Command(name = "export-sites", mixinStandardHelpOptions = true,
            description = {"Write one Parquet site table per segment (contig, position, ref, alt, ac, an, hom, hemi, and per",
                "super-population) for DuckDB or Spark, e.g. SELECT * FROM 'DIR/*.parquet' WHERE contig = '22'."})
    static final class ExportSites extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the Parquet files.")
        Path out;

        @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", defaultValue = "GRCh38", description = "Default: ${DEFAULT-VALUE}.")
        String assembly;

        @Override
        public Integer call() {
            try (GenomeSession session = new GenomeSession(configuration())) {
                List<Path> written = session.genome.exportSiteTables(Assembly.parse(assembly), out);
                PrintWriter writer = spec.commandLine().getOut();
                written.forEach(path -> writer.println("wrote " + path));
                writer.flush();
                return ExitCodes.OK;
            }
        }
    }
}
