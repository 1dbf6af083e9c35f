package no.permed.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.query.SampleSelection;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.vcf.genome.Assembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed freq}: allele counts of every stored variant over all or some samples. */
@Command(name = "freq", mixinStandardHelpOptions = true,
        subcommands = {FreqLookupCommand.class, FreqExportCommand.class},
        description = {
            "Without a sub-command (the genome store's raw counts, for quality assurance; no consent rule):",
            "Write CHROM POS REF ALT AC AN HOM (tab-separated, one header line) for every stored variant,",
            "counted over all samples or those listed in --samples (one sample ID per line; COHORT/ID where",
            "several cohorts use the same ID). Reference blocks of gVCF samples count towards AN."
        })
final class FreqCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "FILE", description = "Sample IDs to count, one per line.")
    Path samples;

    @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", description = "Needed when the store holds both assemblies.")
    String assembly;

    @Option(names = "--out", paramLabel = "FILE.tsv", description = "Output file (written atomically); needed without a sub-command.")
    Path out;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Count and write N times and report the median time (for benchmarks: a warm process, as the server is).")
    int repeat;

    @Override
    public Integer call() {
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=FILE.tsv' (or use"
                    + " a sub-command: lookup, export)");
        }
        try (GenomeSession session = new GenomeSession(configuration())) {
            long started = System.nanoTime();
            Set<Assembly> held = session.genome.assemblies();
            Assembly chosen;
            if (assembly != null) {
                chosen = Assembly.parse(assembly);
            } else if (held.size() == 1) {
                chosen = held.iterator().next();
            } else if (held.isEmpty()) {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "the genome store is empty; ingest something first",
                        Map.of());
            } else {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "the store holds GRCh37 and GRCh38 samples; choose"
                        + " one with --assembly", Map.of("field", "assembly"));
            }
            SampleSelection selection = samples == null ? SampleSelection.all() : session.genome.selectByIds(readIds(samples));
            if (repeat < 1 || repeat > 1000) {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "--repeat must be 1 to 1000", Map.of("field", "repeat"));
            }
            long variants = session.genome.writeFrequencies(chosen, selection, out);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            long[] runs = new long[repeat];
            runs[0] = elapsed;
            for (int run = 1; run < repeat; run++) {
                long again = System.nanoTime();
                session.genome.writeFrequencies(chosen, selection, out);
                runs[run] = (System.nanoTime() - again) / 1_000_000;
            }
            session.security.auditLog().append(new AuditEvent(session.operator, "genome.counts.export", java.util.Optional.empty(),
                    Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("variants", Long.toString(variants),
                            "samples", selection.sampleRowIds().map(ids -> Integer.toString(ids.size())).orElse("all"))));
            PrintWriter writer = spec.commandLine().getOut();
            if (repeat == 1) {
                writer.printf(java.util.Locale.ROOT, "wrote %,d variants to %s%ntook %d ms%n", variants, out, elapsed);
            } else {
                java.util.Arrays.sort(runs);
                writer.printf(java.util.Locale.ROOT, "wrote %,d variants to %s%nfirst (cold) run %d ms%ntook %d ms (median of %d runs)%n",
                        variants, out, elapsed, runs[repeat / 2], repeat);
            }
            writer.flush();
            return ExitCodes.OK;
        }
    }

    static List<String> readIds(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).distinct().toList();
        } catch (IOException failure) {
            throw new PermedException(GenomeErrorCode.UNKNOWN_SAMPLES, "cannot read the samples file " + file.getFileName()
                    + " (" + failure.getClass().getSimpleName() + ")", Map.of("file", String.valueOf(file.getFileName())));
        }
    }
}
