package no.permed.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import no.permed.kernel.PermedException;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.PgxCaller;
import no.permed.pgx.call.PgxErrorCode;
import no.permed.pgx.interpret.OutsideCalls;
import no.permed.pgx.interpret.PgxInterpreter;
import no.permed.pgx.interpret.PgxReport;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.output.CallsTsvWriter;
import no.permed.pgx.output.ReportJsonWriter;
import no.permed.pgx.report.HtmlReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code permed pgx}: pharmacogenomics from files, without the data directory. */
@Command(name = "pgx", mixinStandardHelpOptions = true,
        description = "Pharmacogenomics: star-allele diplotypes, phenotypes and CPIC/DPWG recommendations.",
        subcommands = PgxCommand.Call.class)
final class PgxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed pgx call}: one pass over a VCF, one result set per sample. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {
                "Call the 19 PharmCAT genes from a GRCh38 VCF or gVCF (plain, gzip or BGZF; single- or multi-sample, read once)",
                "and write per sample into --out: <sample>.pgx.json (all tied diplotypes, functions, phenotypes, activity scores,",
                "missing positions, warnings, recommendations, data version), <sample>.calls.tsv (the columns of PharmCAT's",
                "calls-only TSV) and <sample>.report.html (Norwegian bokmål) with <sample>.report.en.html (English).",
                "CYP2D6, HLA-A, HLA-B and MT-RNR1 come from --outside-calls (GENE<TAB>DIPLOTYPE[<TAB>PHENOTYPE[<TAB>ACTIVITY]]).",
                "Needs no data directory; nothing is stored (ingest a patient's sample to keep the result as a profile)."
            })
    static final class Call implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.vcf[.gz]", description = "The VCF or gVCF (GRCh38).")
        Path vcf;

        @Option(names = "--sample", paramLabel = "S", description = "Call only this sample of a multi-sample file.")
        String sample;

        @Option(names = "--outside-calls", paramLabel = "FILE.tsv",
                description = "Calls made elsewhere (CYP2D6, HLA-A, HLA-B, MT-RNR1, or any gene), for a single sample.")
        Path outsideCalls;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created when missing).")
        Path out;

        @Override
        public Integer call() {
            PgxKnowledge knowledge = PgxKnowledge.load();   // logs its data version
            PgxCaller caller = PgxCaller.create(knowledge);
            OutsideCalls outside = outsideCalls == null ? OutsideCalls.none() : OutsideCalls.parse(outsideCalls, knowledge);
            Map<String, CallResult> results;
            if (sample != null) {
                results = Map.of(sample, caller.call(vcf, Optional.of(sample)));
            } else {
                results = caller.callAll(vcf);
                if (results.size() > 1 && outsideCalls != null) {
                    throw new PermedException(PgxErrorCode.SAMPLE_REQUIRED, vcf.getFileName() + " holds " + results.size()
                            + " samples; outside calls belong to one sample: choose it with --sample", Map.of("field", "outside-calls"));
                }
            }
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + out, e);
            }
            PgxInterpreter interpreter = PgxInterpreter.create(knowledge);
            String version = VersionProvider.version();
            CallsTsvWriter tsv = CallsTsvWriter.create(knowledge, version);
            ReportJsonWriter json = ReportJsonWriter.create(version);
            HtmlReportWriter html = HtmlReportWriter.create();
            AtomicInteger written = new AtomicInteger();
            List<CallResult> all = new ArrayList<>(results.values());
            all.parallelStream().forEach(result -> {
                PgxReport report = interpreter.interpret(result, outside);
                Path jsonFile = json.write(report, out);
                String base = jsonFile.getFileName().toString();
                tsv.write(report, out.resolve(base.substring(0, base.length() - ".pgx.json".length()) + ".calls.tsv"));
                try {
                    html.writeFiles(report, out);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the report of a sample into " + out, e);
                }
                written.incrementAndGet();
            });
            PrintWriter writer = spec.commandLine().getOut();
            writer.printf(Locale.ROOT, "called %,d sample%s from %s into %s%n", written.get(), written.get() == 1 ? "" : "s",
                    vcf.getFileName(), out);
            writer.flush();
            return ExitCodes.OK;
        }
    }
}
