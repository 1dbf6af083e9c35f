package no.permed.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import no.permed.app.PgxProfiling;
import no.permed.kernel.NationalId;
import no.permed.kernel.Pseudonym;
import no.permed.server.genome.PatientSampleListener;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import no.permed.genome.ingest.IngestProgress;
import no.permed.genome.ingest.IngestRequest;
import no.permed.genome.ingest.IngestResult;
import no.permed.genome.ingest.IngestTarget;
import no.permed.vcf.genome.Assembly;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code permed ingest}: validates, normalises and stores VCF/gVCF files in the genome store. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {
            "Store a patient's sample or a cohort's samples from VCF/gVCF files (plain, gzip or BGZF).",
            "The whole input is validated first: an error names file, line and field, and nothing is stored.",
            "Several files are merged into one segment (e.g. one file per chromosome).",
            "Stop the server first when it uses the same data directory (or use POST /api/samples)."
        })
final class IngestCommand extends ConfiguredCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @ArgGroup(exclusive = false)
        PatientTarget patient;

        @ArgGroup(exclusive = false)
        CohortTarget cohort;
    }

    static final class PatientTarget {
        @Option(names = "--patient", required = true, paramLabel = "NATIONAL_ID",
                description = "The patient's national identity number (11 digits; never stored or logged).")
        String nationalId;

        @Option(names = "--sample", required = true, paramLabel = "SAMPLE_ID",
                description = "The laboratory's sample ID; must be the file's sample column.")
        String sampleId;

        @Option(names = "--lab", paramLabel = "ORG", defaultValue = "national-genome-centre",
                description = "The submitting laboratory's organisation ID (default: ${DEFAULT-VALUE}).")
        String laboratory;

        @Option(names = "--outside-calls", paramLabel = "FILE.tsv",
                description = "Pharmacogenomic calls made elsewhere (CYP2D6, HLA-B, ...), kept with the patient's PGx profile.")
        Path outsideCalls;
    }

    static final class CohortTarget {
        @Option(names = "--cohort", required = true, paramLabel = "NAME", description = "The research cohort's name.")
        String name;

        @Option(names = "--sample-map", paramLabel = "FILE",
                description = "TSV naming each VCF sample's population, super-population, sex (1000 Genomes panel or PED file).")
        Path sampleMap;
    }

    @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", description = "The assembly; otherwise recognised from the header.")
    String assembly;

    @Option(names = "--reference", paramLabel = "FASTA", description = "Indexed FASTA (.fai beside it): check REF and left-align indels.")
    Path reference;

    @Option(names = "--test-type", paramLabel = "TYPE", defaultValue = "genome",
            description = "What was sequenced: genome, exome, panel, array, … (default: ${DEFAULT-VALUE}).")
    String testType;

    @Option(names = "--conflicting-duplicates", paramLabel = "refuse|mark-missing", defaultValue = "refuse",
            description = "A variant given twice with different calls: refuse the file (default) or store ./. for it.")
    String conflictingDuplicates;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "VCF or gVCF files.")
    List<Path> files;

    @Override
    public Integer call() {
        IngestTarget ingestTarget = target.patient != null
                ? new IngestTarget.Patient(target.patient.nationalId, target.patient.sampleId, target.patient.laboratory)
                : new IngestTarget.Cohort(target.cohort.name, Optional.ofNullable(target.cohort.sampleMap));
        IngestRequest request = IngestRequest.of(files, ingestTarget).withTestType(testType)
                .withConflictingDuplicates(switch (conflictingDuplicates) {
                    case "refuse" -> IngestRequest.ConflictingDuplicates.REFUSE;
                    case "mark-missing" -> IngestRequest.ConflictingDuplicates.MARK_MISSING;
                    default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--conflicting-duplicates must be refuse or mark-missing");
                });
        if (assembly != null) {
            request = request.withAssembly(Assembly.parse(assembly));
        }
        if (reference != null) {
            request = request.withReferenceFasta(reference);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (GenomeSession session = new GenomeSession(configuration())) {
            Optional<PatientSampleListener.Attachment> outside = Optional.ofNullable(target.patient == null ? null : target.patient.outsideCalls)
                    .map(file -> new PatientSampleListener.Attachment(file, file.toString()));
            PgxProfiling profiling = target.patient == null ? null : session.pgxProfiling();
            if (profiling != null) {
                profiling.check(outside);   // before anything is stored
            }
            IngestResult result;
            if (noProgress || System.console() == null) {
                result = session.genome.ingest(session.operator, request, IngestProgress.NONE);
            } else {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ingest").setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" MB", 1 << 20).setInitialMax(1).continuousUpdate().build()) {
                    result = session.genome.ingest(session.operator, request, (file, read, total) -> {
                        bar.maxHint(total);
                        bar.stepTo(read);
                        bar.setExtraMessage(file);
                    });
                }
            }
            out.printf(java.util.Locale.ROOT, "stored %d sample(s) on %s: %,d records -> %,d sites (%,d reference blocks, %,d duplicates merged,"
                            + " %,d conflicting duplicates stored as ./.)%n",
                    result.sampleIds().size(), result.assembly().displayName(), result.records(), result.sites(),
                    result.referenceBlocks(), result.duplicatesMerged(), result.conflictsMarkedMissing());
            out.printf(java.util.Locale.ROOT, "segment %s: %,d bytes, %.4f bytes per genotype%n", result.segmentId(), result.segmentBytes(),
                    result.bytesPerGenotype());
            out.printf(java.util.Locale.ROOT, "took %d ms%n", result.elapsedMillis());
            if (profiling != null) {
                Pseudonym patient = session.security.pseudonymizer().pseudonymOf(NationalId.parse(target.patient.nationalId));
                profiling.ingested(session.operator, new PatientSampleListener.Submission(patient, target.patient.sampleId, files,
                                files.stream().map(file -> file.getFileName().toString()).toList(), target.patient.laboratory, testType,
                                result.assembly().displayName(), outside))
                        .forEach(out::println);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
