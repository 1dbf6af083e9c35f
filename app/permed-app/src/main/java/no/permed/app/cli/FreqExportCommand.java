package no.permed.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import no.permed.frequency.FrequencyErrorCode;
import no.permed.frequency.FrequencyRegister;
import no.permed.frequency.RegisterExport;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.vcf.genome.Assembly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code permed freq export}: the whole register as a sites-only VCF or a TSV, per population. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write the frequency register of one assembly as a sites-only VCF (INFO AC, AN, AF, nhomalt and AC_<POP> …)",
            "or a TSV (CHROM POS REF ALT AC AN AF HOM, then AC_/AN_/AF_/HOM_ per population). Exact counts over the samples",
            "whose consent allows anonymous aggregate use. A name ending in .gz is gzip-compressed. Written atomically."
        })
final class FreqExportCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "vcf|tsv", description = "vcf or tsv.")
    String format;

    @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", description = "Needed when the register holds both.")
    String assembly;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
    Path out;

    @Override
    public Integer call() {
        RegisterExport.Format chosenFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "vcf" -> RegisterExport.Format.VCF;
            case "tsv" -> RegisterExport.Format.TSV;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be vcf or tsv, not '"
                    + format + "'");
        };
        try (GenomeSession session = new GenomeSession(configuration())) {
            FrequencyRegister register = session.frequencyRegister();
            Set<Assembly> held = register.assemblies();
            Assembly chosen;
            if (assembly != null) {
                chosen = no.permed.frequency.Variants.assembly(Optional.of(assembly), Assembly.GRCH38, "--assembly");
            } else if (held.size() == 1) {
                chosen = held.iterator().next();
            } else {
                throw new PermedException(FrequencyErrorCode.UNKNOWN_ASSEMBLY, held.isEmpty()
                        ? "the register is empty: no counted sample (ingest a cohort, or check the patients' consents)"
                        : "the register holds GRCh37 and GRCh38 counts; choose one with --assembly", Map.of("field", "assembly"));
            }
            long variants = RegisterExport.write(register, chosen, chosenFormat, out,
                    VersionProvider.version());
            session.security.auditLog().append(new AuditEvent(session.operator, "frequency.export", Optional.empty(),
                    Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, Map.of("variants", Long.toString(variants), "format",
                            chosenFormat.name(), "assembly", chosen.displayName())));
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d variants (%s, %s, %d counted samples) to %s%n", variants,
                    chosen.displayName(), chosenFormat.name().toLowerCase(Locale.ROOT), register.status().countedSamples(), out);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
