package no.permed.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.permed.frequency.Counts;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterLine;
import no.permed.frequency.Variants;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code permed freq lookup 1-55051215-G-GA}: the register's line for one variant (exact counts: an operator's view). */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {
            "Print the frequency register's line for a variant: AC, AN, AF and homozygotes overall, per dataset,",
            "super-population and population, counted over the samples whose consent allows anonymous aggregate use.",
            "Exact counts (the operator's view); the public sees them through the Beacon's rules. Exit 0 when found,",
            "1 when no counted sample's data hold the variant."
        })
final class FreqLookupCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VARIANT", description = "CHROM-POS-REF-ALT (e.g. 1-55051215-G-GA), or with the"
            + " assembly first (GRCh38-1-55051215-G-GA).")
    String variant;

    @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", description = "When VARIANT names none (default GRCh38).")
    String assembly;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Look up N times and print the median and 99th percentile time of one lookup (for benchmarks).")
    int repeat;

    @Override
    public Integer call() {
        if (repeat < 1 || repeat > 10_000_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be 1 to 10000000");
        }
        VariantKey key = Variants.parse(variant, Variants.assembly(Optional.ofNullable(assembly), Assembly.GRCH38, "--assembly"), "VARIANT");
        try (GenomeSession session = new GenomeSession(configuration())) {
            FrequencyRegister register = session.frequencyRegister();
            Optional<RegisterLine> line = register.lookup(key);
            session.security.auditLog().append(new AuditEvent(session.operator, "frequency.lookup", Optional.empty(),
                    Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("variant", key.toString(), "found",
                            Boolean.toString(line.isPresent()))));
            PrintWriter out = spec.commandLine().getOut();
            var status = register.status();
            if (line.isEmpty()) {
                out.printf(Locale.ROOT, "%s: not in the register (%d counted sample(s), counted %s)%n", key, status.countedSamples(),
                        status.countedAt());
                out.flush();
                return ExitCodes.FAILURE;
            }
            out.printf(Locale.ROOT, "%s  (%d counted sample(s), %d not counted; counted %s)%n", key, status.countedSamples(),
                    status.excludedSamples(), status.countedAt());
            out.printf(Locale.ROOT, "%-12s %-14s %8s %8s %10s %6s %6s%n", "group", "name", "AC", "AN", "AF", "HOM", "HEMI");
            print(out, "overall", "", line.get().overall());
            line.get().datasets().forEach((name, counts) -> print(out, "dataset", name, counts));
            line.get().superPopulations().forEach((name, counts) -> print(out, "super-pop", name, counts));
            line.get().populations().forEach((name, counts) -> print(out, "population", name, counts));
            if (repeat > 1) {
                // the same number of untimed lookups first (at most 200,000), so the JIT has compiled the path: the
                // figures are of the warm lookup a running server makes, not of the interpreter
                int warmUp = Math.min(repeat, 200_000);
                for (int run = 0; run < warmUp; run++) {
                    register.lookup(key);
                }
                long[] nanos = new long[repeat];
                for (int run = 0; run < repeat; run++) {
                    long started = System.nanoTime();
                    register.lookup(key);
                    nanos[run] = System.nanoTime() - started;
                }
                java.util.Arrays.sort(nanos);
                out.printf(Locale.ROOT, "one lookup: median %.2f µs, p99 %.2f µs over %d lookups (in process, after %d untimed)%n",
                        nanos[repeat / 2] / 1000.0, nanos[(int) (repeat * 0.99)] / 1000.0, repeat, warmUp);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static void print(PrintWriter out, String group, String name, Counts counts) {
        out.printf(Locale.ROOT, "%-12s %-14s %8d %8d %10.6f %6d %6d%n", group, name, counts.alleleCount(), counts.alleleNumber(),
                counts.alleleFrequency(), counts.homozygotes(), counts.hemizygotes());
    }
}
