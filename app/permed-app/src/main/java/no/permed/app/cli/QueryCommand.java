package no.permed.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.permed.columnar.GenomicRegion;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.StoredSample;
import no.permed.genome.query.Carrier;
import no.permed.genome.query.GenotypeCall;
import no.permed.genome.query.SampleSelection;
import no.permed.genome.query.VariantCounts;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.vcf.genome.Contigs;
import no.permed.vcf.normalise.VariantKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed query}: the genome store's point queries, for operators and benchmarks. Every read is audited. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Point queries on the genome store (audited). Stop the server first when it uses the same data directory.",
        subcommands = {QueryCommand.Carriers.class, QueryCommand.Genotypes.class, QueryCommand.Counts.class})
final class QueryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static VariantKey variant(String text) {
        try {
            return VariantKey.parse(text);
        } catch (RuntimeException invalid) {
            throw new PermedException(GenomeErrorCode.INVALID_QUERY, "--variant must be a key such as GRCh37-22-16050075-A-G: "
                    + invalid.getMessage(), Map.of("field", "variant"));
        }
    }

    /** A query's result and its time: the median of {@code repeat} runs, and the first (cold) run. */
    record Timed<T>(T result, double medianMillis, double firstMillis, int runs) {
        static <T> Timed<T> run(int repeat, java.util.function.Supplier<T> query) {
            if (repeat < 1 || repeat > 100_000) {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "--repeat must be 1 to 100000", Map.of("field", "repeat"));
            }
            double[] millis = new double[repeat];
            T result = null;
            for (int run = 0; run < repeat; run++) {
                long started = System.nanoTime();
                result = query.get();
                millis[run] = (System.nanoTime() - started) / 1e6;
            }
            double first = millis[0];
            java.util.Arrays.sort(millis);
            return new Timed<>(result, millis[repeat / 2], first, repeat);
        }

        String describe() {
            return runs == 1 ? String.format(java.util.Locale.ROOT, "took %.3f ms", firstMillis)
                    : String.format(java.util.Locale.ROOT, "first (cold) run %.3f ms%ntook %.3f ms (median of %d runs)",
                            firstMillis, medianMillis, runs);
        }
    }

    /** {@code permed query carriers}. */
    @Command(name = "carriers", mixinStandardHelpOptions = true, description = "The samples that carry a variant, with their calls.")
    static final class Carriers extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--variant", required = true, paramLabel = "KEY", description = "e.g. GRCh37-22-16050075-A-G")
        String variant;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run the query N times and report the median time (for benchmarks).")
        int repeat;

        @Override
        public Integer call() {
            VariantKey key = variant(variant);
            try (GenomeSession session = new GenomeSession(configuration())) {
                Timed<List<Carrier>> timed = Timed.run(repeat, () -> session.genome.carriers(key));
                List<Carrier> carriers = timed.result();
                for (Carrier carrier : carriers) {
                    session.security.auditLog().append(new AuditEvent(session.operator, "genome.carrier.read",
                            carrier.sample().patient(), Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("variant", key.toString())));
                }
                PrintWriter out = spec.commandLine().getOut();
                for (Carrier carrier : carriers) {
                    out.println(carrier.sample().label() + "\t" + carrier.genotype());
                }
                out.printf(java.util.Locale.ROOT, "%d carrier(s) of %s%n%s%n", carriers.size(), key, timed.describe());
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed query genotypes}. */
    @Command(name = "genotypes", mixinStandardHelpOptions = true, description = "One sample's calls in a region.")
    static final class Genotypes extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--sample", required = true, paramLabel = "ID", description = "The sample ID (COHORT/ID when ambiguous).")
        String sample;

        @Option(names = "--region", required = true, paramLabel = "CHROM:START[-END]", description = "e.g. 22:16050075 or 22:16050000-16060000")
        String region;

        @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Run the query N times and report the median time (for benchmarks).")
        int repeat;

        @Override
        public Integer call() {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([A-Za-z0-9_.]+):([0-9]+)(?:-([0-9]+))?").matcher(region);
            if (!matcher.matches()) {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "--region must be CHROM:POS or CHROM:START-END",
                        Map.of("field", "region"));
            }
            int start = Integer.parseInt(matcher.group(2));
            int end = matcher.group(3) == null ? start : Integer.parseInt(matcher.group(3));
            GenomicRegion genomicRegion = new GenomicRegion(Contigs.canonical(matcher.group(1)), start, end);
            try (GenomeSession session = new GenomeSession(configuration())) {
                SampleSelection selection = session.genome.selectByIds(List.of(sample));
                StoredSample stored = session.genome.sample(selection.sampleRowIds().orElseThrow().iterator().next()).orElseThrow();
                Timed<List<GenotypeCall>> timed = Timed.run(repeat, () -> session.genome.genotypes(stored, List.of(genomicRegion)));
                List<GenotypeCall> calls = timed.result();
                session.security.auditLog().append(new AuditEvent(session.operator, "genome.genotypes.read", stored.patient(),
                        Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("region", genomicRegion.toString())));
                PrintWriter out = spec.commandLine().getOut();
                for (GenotypeCall call : calls) {
                    out.println(call.variant() + "\t" + call.genotype());
                }
                out.printf(java.util.Locale.ROOT, "%d call(s) of %s in %s%n%s%n", calls.size(), stored.label(), genomicRegion, timed.describe());
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** {@code permed query counts}. */
    @Command(name = "counts", mixinStandardHelpOptions = true, description = "AC, AN and homozygotes of one variant, per population.")
    static final class Counts extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--variant", required = true, paramLabel = "KEY", description = "e.g. GRCh37-22-16050075-A-G")
        String variant;

        @Override
        public Integer call() {
            VariantKey key = variant(variant);
            try (GenomeSession session = new GenomeSession(configuration())) {
                long started = System.nanoTime();
                VariantCounts counts = session.genome.counts(key, SampleSelection.all());
                long micros = (System.nanoTime() - started) / 1_000;
                session.security.auditLog().append(new AuditEvent(session.operator, "genome.counts.read", Optional.empty(),
                        Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("variant", key.toString())));
                PrintWriter out = spec.commandLine().getOut();
                out.println("population\tAC\tAN\tHOM\tHEMI");
                out.printf(java.util.Locale.ROOT, "all\t%d\t%d\t%d\t%d%n", counts.alleleCount(), counts.alleleNumber(), counts.homozygotes(), counts.hemizygotes());
                counts.byPopulation().forEach((name, value) -> out.printf(java.util.Locale.ROOT, "%s\t%d\t%d\t%d\t%d%n", name, value.alleleCount(),
                        value.alleleNumber(), value.homozygotes(), value.hemizygotes()));
                out.printf(java.util.Locale.ROOT, "took %.3f ms%n", micros / 1000.0);
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
