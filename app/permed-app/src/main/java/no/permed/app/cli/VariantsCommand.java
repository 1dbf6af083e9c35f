package no.permed.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.aggregate.Aggregate;
import no.permed.interpretation.register.Condition;
import no.permed.interpretation.register.Recall;
import no.permed.interpretation.register.Submission;
import no.permed.interpretation.register.SubmissionCsv;
import no.permed.interpretation.register.SubmissionFields;
import no.permed.interpretation.register.SubmissionResult;
import no.permed.interpretation.register.VariantAggregate;
import no.permed.interpretation.register.VariantRegister;
import no.permed.kernel.OrganisationId;
import no.permed.kernel.PermedException;
import no.permed.kernel.Role;
import no.permed.kernel.UserId;
import no.permed.spi.Principal;
import no.permed.spi.RequestContext;
import no.permed.vcf.normalise.VariantKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code permed variants}: the register of interpreted variants from the command line, on the data directory's database.
 * {@code submit} stores a laboratory's CSV of classifications (all or nothing) and recalls reclassifications as the
 * server does; {@code show} prints a variant's aggregates and each laboratory's latest submission.
 */
@Command(name = "variants", mixinStandardHelpOptions = true, description = "The register of interpreted variants.",
        subcommands = {VariantsCommand.Submit.class, VariantsCommand.Show.class})
final class VariantsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code permed variants submit}: a laboratory's classifications from a CSV file, all or nothing. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {
                "Store a laboratory's classifications from a CSV file with the header",
                "variant,condition,classification,criteria,evidence,date,assembly (the first three required).",
                "The whole file is checked first: a bad row names file, line and field, and nothing is stored.",
                "Prints per row the lab's class, the engine's check and the new aggregate, then the reclassifications",
                "and the notifications of their recall (carriers from this data directory's genome store)."
            })
    static final class Submit extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--lab", required = true, paramLabel = "ORG", description = "The submitting laboratory (organisation id).")
        String lab;

        @Option(names = "--user", paramLabel = "USER",
                description = "The user recorded as submitter (default: the operator, cli:<operating-system user>).")
        String user;

        @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38",
                description = "For a VCF whose ##contig lengths do not tell the assembly.")
        String assembly;

        @Parameters(index = "0", paramLabel = "FILE", description = "The classifications: UTF-8 CSV, or a sites VCF (.vcf, .vcf.gz)"
                + " with INFO CLASSIFICATION, CONDITION, CRITERIA, EVIDENCE, DATE.")
        Path file;

        @Override
        public Integer call() {
            OrganisationId laboratory = OrganisationId.of(lab);
            Optional<UserId> submitter = Optional.ofNullable(user).map(UserId::of);
            String fileName = String.valueOf(file.getFileName());
            LocalDate today = LocalDate.now(Clock.systemUTC());
            List<SubmissionCsv.Row> rows = isVcf(fileName)
                    ? no.permed.interpretation.register.SubmissionVcf.parse(file, fileName,
                            Optional.ofNullable(assembly).map(no.permed.vcf.genome.Assembly::parse), today)
                    : readRows(file, fileName, today);
            try (GenomeSession session = new GenomeSession(configuration())) {
                VariantRegister register = session.variantRegister();
                Principal operator = session.operator.principal();
                RequestContext context = new RequestContext(new Principal(submitter.orElse(operator.user()), Set.of(Role.LAB),
                        Optional.of(laboratory), Optional.empty(), true), session.operator.requestId());
                List<SubmissionResult> results = register.submitAll(context, rows.stream().map(SubmissionCsv.Row::submission).toList());
                PrintWriter out = spec.commandLine().getOut();
                for (int index = 0; index < results.size(); index++) {
                    SubmissionResult result = results.get(index);
                    Submission stored = result.submission();
                    out.printf("line %d: %s [%s] %s: %s; engine: %s; aggregate: %s%n", rows.get(index).line(), stored.variant(),
                            stored.condition().value(), laboratory.value(), stored.classification().displayName(), engine(stored),
                            describe(result.aggregate().aggregate()));
                }
                long flagged = results.stream().filter(result -> result.submission().flagged()).count();
                long reclassifications = results.stream().filter(result -> result.reclassification().isPresent()).count();
                int notifications = results.stream().flatMap(result -> result.recall().stream()).mapToInt(Recall::notifications).sum();
                out.printf("stored %d submission(s) of %s from %s, %d flagged%n", results.size(), laboratory.value(), fileName, flagged);
                out.printf("%d reclassification(s), %d notification(s) created%n", reclassifications, notifications);
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static String engine(Submission submission) {
            return submission.check().map(check -> (check.flagged() ? "FLAGGED (" : "agrees (") + check.describe() + ")")
                    .orElse("no criteria");
        }
    }

    /** {@code permed variants show}: a variant's aggregates per condition and each laboratory's latest submission. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {
                "Print a variant's aggregate per condition (class, review status, stars, conflicted) and the latest",
                "submission of each laboratory (lab, class, date, flagged). The variant is a key such as",
                "GRCh38-1-1043594-G-A (or 1-1043594-G-A with --assembly) or genomic HGVS."
            })
    static final class Show extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "VARIANT_KEY", description = "The variant.")
        String variantText;

        @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38", description = "The assembly, when the key names none.")
        String assembly;

        @Override
        public Integer call() {
            VariantKey variant = SubmissionFields.parseVariant(variantText, Optional.ofNullable(assembly));
            try (GenomeSession session = new GenomeSession(configuration())) {
                VariantRegister register = session.variantRegister();
                List<VariantAggregate> aggregates = register.aggregates(variant);
                if (aggregates.isEmpty()) {
                    throw new PermedException(InterpretationErrorCode.VARIANT_NOT_REGISTERED, "The register holds no submission for "
                            + variant, Map.of("variant", variant.toString()));
                }
                List<Submission> all = register.submissions(variant, Optional.empty());
                PrintWriter out = spec.commandLine().getOut();
                out.println(variant + register.vrsIdentifier(variant).map(id -> " (" + id + ")").orElse(""));
                for (VariantAggregate aggregate : aggregates) {
                    List<Submission> versions = all.stream()
                            .filter(each -> each.condition().key().equals(aggregate.conditionKey())).toList();
                    Condition condition = versions.get(versions.size() - 1).condition();
                    Aggregate value = aggregate.aggregate();
                    out.printf("condition %s: %s; review status: %s; stars: %d; conflicted: %s; aggregate version %d%n",
                            condition.value(), value.classification().displayName(), value.reviewStatus().displayName(),
                            value.goldStars(), value.conflicted() ? "yes" : "no", aggregate.version());
                    for (Submission latest : register.latestSubmissions(variant, condition)) {
                        out.printf("  %s: %s, %s, version %d, %s, %s%s%n", latest.laboratory().value(),
                                latest.classification().displayName(), latest.classifiedOn(), latest.version(),
                                latest.reviewStatus().clinvarName(),
                                latest.check().isEmpty() ? "no criteria" : latest.flagged() ? "flagged" : "not flagged",
                                latest.submittedAs().map(written -> ", submitted as " + written).orElse(""));
                    }
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    static String describe(Aggregate aggregate) {
        return aggregate.classification().displayName() + " (" + aggregate.reviewStatus().displayName() + ", "
                + aggregate.goldStars() + (aggregate.goldStars() == 1 ? " star" : " stars") + ")";
    }

    /** Whether a submissions file is a VCF (by its name). */
    static boolean isVcf(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".vcf") || lower.endsWith(".vcf.gz") || lower.endsWith(".vcf.bgz");
    }

    /** Reads and checks the whole file before anything is stored; errors name the file (never its content). */
    static List<SubmissionCsv.Row> readRows(Path file, String fileName, LocalDate today) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            return SubmissionCsv.parse(reader, fileName, today);
        } catch (UncheckedIOException | IOException failure) {
            Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
            String reason = cause instanceof CharacterCodingException ? " is not UTF-8 text"
                    : " cannot be read (" + cause.getClass().getSimpleName() + ")";
            throw new PermedException(InterpretationErrorCode.INVALID_CSV, fileName + reason, Map.of("file", fileName));
        }
    }
}
