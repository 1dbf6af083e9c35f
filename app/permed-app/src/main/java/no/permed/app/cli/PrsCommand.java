package no.permed.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import no.permed.genome.GenomeErrorCode;
import no.permed.genome.GenomeStore;
import no.permed.genome.StoredSample;
import no.permed.genome.query.SampleSelection;
import no.permed.kernel.PermedException;
import no.permed.kernel.Purpose;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.GenotypeLoader;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.ScoreResult;
import no.permed.prs.calc.ScoreTsvWriter;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.match.MatchOutcome;
import no.permed.prs.match.MatchReport;
import no.permed.prs.match.MatchType;
import no.permed.prs.match.TargetSite;
import no.permed.prs.match.VariantMatch;
import no.permed.prs.normalise.NormalisedResult;
import no.permed.prs.normalise.NormalisedTsvWriter;
import no.permed.prs.normalise.PopulationFileReader;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.ReferenceDistribution;
import no.permed.prs.normalise.ReferenceNormaliser;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.score.ScoreHeader;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import no.permed.spi.AuditEvent;
import no.permed.spi.AuditOutcome;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code permed prs}: one PGS Catalog score over every sample of a VCF, matched as pgsc_calc matches and summed as
 * {@code plink2 --score} sums (see docs/prs.md). Needs no data directory; nothing is stored. The table and the match
 * report are each written atomically (a temporary file in the target directory, then a rename), owner-only, and only
 * when the score passes: a score below the minimum overlap writes nothing. With {@code --reference} the reference VCF is
 * scored with the same variants ({@link ReferenceNormaliser}) and the table gets {@code population percentile z band}.
 */
@Command(name = "prs", mixinStandardHelpOptions = true, subcommands = PrsCommand.StoreScore.class,
        description = {
            "Polygenic risk score of every sample of a VCF, in one pass.",
            "Reads a PGS Catalog scoring file (format 2.0, authored or harmonised, plain or",
            "gzip), matches its variants to the VCF by position and alleles as pgsc_calc does",
            "(refalt > altref > refalt_flip > altref_flip > rows without other allele;",
            "strand-ambiguous and multi-allelic sites dropped) and sums them as",
            "plink2 --score does (missing calls mean-imputed unless --no-mean-imputation).",
            "Writes --out: a header line, then one row per sample, tab-separated:",
            "sample, allele_count, sum, avg. Prints the score, its trait, its licence (some",
            "scores are CC BY-NC-ND: respect it), the match counts and the samples scored.",
            "Fails with exit code 2, writing nothing, when fewer than --min-overlap of the",
            "score's variants match. Needs no data directory; nothing is stored.",
            "With --reference, --populations and --population the reference VCF is scored",
            "with the same variants and four columns are appended: population, percentile",
            "(100 x reference sums <= the sample's sum / n), z ((sum - mean) / sd) and band",
            "(--bands high:95: percentile above 95 -> high). Without --population each sample",
            "is compared with the super-population closest to its ancestry (projection onto",
            "the reference's principal components), and ancestry_distance and ancestry_margin",
            "are appended. One sample alone: missing calls are imputed from the reference",
            "population's allele frequencies.",
            "'permed prs store' scores samples of the genome store instead of a VCF."
        })
final class PrsCommand implements Callable<Integer> {
    /** The columns of {@code --match-report}, one row per scoring-file row. */
    static final String MATCH_REPORT_HEADER = "line\trsID\tchr\tpos\teffect_allele\tother_allele\teffect_type\toutcome\tmatch_type"
            + "\ttarget_site\tduplicate_best_match\tduplicated_row";

    @Spec
    CommandSpec spec;

    @Option(names = "--score", paramLabel = "FILE",
            description = "PGS Catalog scoring file, plain or gzip (use the harmonised file for the VCF's build).")
    Path score;

    @Option(names = "--vcf", paramLabel = "FILE.vcf[.gz]",
            description = "The genotypes: VCF, plain, gzip or BGZF, sorted; every sample is scored.")
    Path vcf;

    @Option(names = "--out", paramLabel = "FILE.tsv", description = "The scores (replaced if it exists).")
    Path out;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--keep-multiallelic", description = "Keep matches at multi-allelic sites, as pgsc_calc --keep_multiallelic.")
    boolean keepMultiallelic;

    @Mixin
    ReferenceOptions normalisation;

    @Override
    public Integer call() {
        // not required = true: picocli would then demand them of 'prs store' too
        List<String> missing = new ArrayList<>();
        if (score == null) {
            missing.add("'--score=FILE'");
        }
        if (vcf == null) {
            missing.add("'--vcf=FILE.vcf[.gz]'");
        }
        if (out == null) {
            missing.add("'--out=FILE.tsv'");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required option" + (missing.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", missing) + " (or 'permed prs store' to score samples of the genome store)");
        }
        normalisation.check(spec);
        scoring.check(spec, out);
        checkOutput(out, "--out");
        if (scoring.matchReport != null) {
            checkOutput(scoring.matchReport, "--match-report");
        }
        RiskBands riskBands = normalisation.riskBands();
        Populations labels = normalisation.labels();
        ScoreOptions options = scoring.score(scoring.match().withKeepMultiallelic(keepMultiallelic));
        ScoringFile scoringFile;
        NormalisedResult normalised;
        ScoreResult result;
        if (normalisation.reference == null) {
            // the VCF is decompressed and parsed while the scoring file is read; PRS_MATCH_RATE_TOO_LOW below the minimum
            VcfScorer.Loaded loaded = new VcfScorer(options).scoreWhileLoading(() -> ScoringFileReader.read(score), vcf);
            scoringFile = loaded.score();
            normalised = null;
            result = loaded.result();
        } else {
            scoringFile = ScoringFileReader.read(score);
            normalised = normalisation.normalise(options, scoringFile, labels, riskBands, vcf);
            result = normalised.target();
        }

        List<Staged> staged = new ArrayList<>(2);
        try {
            staged.add(stage(out, writer -> {
                if (normalised == null) {
                    ScoreTsvWriter.write(result, writer);
                } else {
                    NormalisedTsvWriter.write(normalised, writer);
                }
            }));
            if (scoring.matchReport != null) {
                staged.add(stage(scoring.matchReport, writer -> writeMatchReport(result, writer)));
            }
            for (Staged file : staged) {
                file.moveIntoPlace();
            }
        } finally {
            for (Staged file : staged) {
                file.discard();
            }
        }
        print(scoringFile, result, normalised, riskBands);
        return ExitCodes.OK;
    }

    private void print(ScoringFile scoringFile, ScoreResult result, NormalisedResult normalised, RiskBands riskBands) {
        ScoreHeader header = result.header();
        MatchReport report = result.match().report();
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf(Locale.ROOT, "score: %s (%s)%n", result.scoreId(), scoringFile.fileName());
        writer.printf(Locale.ROOT, "trait: %s%n", header.traitReported().orElse("not given"));
        writer.printf(Locale.ROOT, "licence: %s%n", header.licenseOrDefault());
        writer.printf(Locale.ROOT, "build: %s%n", scoringFile.build().map(build -> build + (scoringFile.harmonised() ? " (harmonised)" : ""))
                .orElse("not given"));
        writer.printf(Locale.ROOT, "match: %s%n", report.summary());
        writer.printf(Locale.ROOT, "outcomes: %s%n", outcomes(report));
        writer.printf(Locale.ROOT, "match types: %s%n", matchTypes(report));
        writer.printf(Locale.ROOT, "scored %,d sample%s (missing calls: %s) into %s%n", result.samples().size(),
                result.samples().size() == 1 ? "" : "s", ReferenceOptions.imputation(result, normalised), out);
        if (normalised != null) {
            normalisation.print(writer, normalised, riskBands);
        }
        if (scoring.matchReport != null) {
            writer.printf(Locale.ROOT, "match report: %s%n", scoring.matchReport);
        }
        writer.flush();
    }

    /**
     * {@code --reference --populations [--population] [--bands]}, shared by both ways of {@code permed prs} (a picocli
     * mixin): the checks, the normalisation ({@link ReferenceNormaliser}, one implementation for a VCF and for the
     * genome store) and the printed lines, so that both modes print the same.
     */
    static final class ReferenceOptions {
        @Option(names = "--reference", paramLabel = "FILE.vcf[.gz]",
                description = "Reference population VCF (e.g. 1000 Genomes) on the target's build: adds percentile and z.")
        Path reference;

        @Option(names = "--populations", paramLabel = "FILE.tsv",
                description = "Reference sample -> population, tab-separated with a header (sample/Individual ID, population, "
                        + "optional super_population; the 1000 Genomes pedigree reads as it is).")
        Path populations;

        @Option(names = "--population", paramLabel = "CODE",
                description = "The reference population to compare with: a population or super-population code of --populations "
                        + "(EUR, GBR, ...) or ALL. Default: for each sample, the super-population closest to its ancestry.")
        String population;

        @Option(names = "--bands", paramLabel = "NAME:P[,NAME:P...]",
                description = "Risk bands by percentile: high:95 puts samples above the 95th percentile in band high "
                        + "(default: none).")
        String bands;

        /** The ancestry model fitted on the reference when no population was named (for the printed lines). */
        private AncestryModel ancestryModel;

        /** Refuses the reference options without {@code --reference}, and {@code --reference} without {@code --populations}. */
        void check(CommandSpec spec) {
            if (reference == null && (populations != null || population != null || bands != null)) {
                throw new ParameterException(spec.commandLine(), "--populations, --population and --bands need --reference");
            }
            if (reference != null && populations == null) {
                throw new ParameterException(spec.commandLine(), "--reference needs --populations FILE (and --population CODE, or "
                        + "each sample is compared with the super-population closest to its ancestry)");
            }
        }

        /** @throws PermedException {@code PRS_RISK_BANDS_INVALID} */
        RiskBands riskBands() {
            return bands == null ? RiskBands.none() : RiskBands.parse(bands);
        }

        /** The population file read, or null without {@code --populations}; {@code PRS_POPULATION_FILE_INVALID}. */
        Populations labels() {
            return populations == null ? null : PopulationFileReader.read(populations);
        }

        /** A VCF normalised against the named population, or each sample against its own by ancestry. */
        NormalisedResult normalise(ScoreOptions options, ScoringFile scoringFile, Populations labels, RiskBands riskBands, Path vcf) {
            ReferenceNormaliser normaliser = new ReferenceNormaliser(options);
            if (population != null) {
                return normaliser.normalise(scoringFile, vcf, reference, labels, population, riskBands);
            }
            return normaliser.normaliseByAncestry(scoringFile, vcf, reference, labels, fit(labels), riskBands);
        }

        /** As the other, for genotypes from a loader (samples of the genome store). */
        NormalisedResult normalise(ScoreOptions options, ScoringFile scoringFile, Populations labels, RiskBands riskBands,
                GenotypeLoader target) {
            ReferenceNormaliser normaliser = new ReferenceNormaliser(options);
            if (population != null) {
                return normaliser.normalise(scoringFile, target, reference, labels, population, riskBands);
            }
            return normaliser.normaliseByAncestry(scoringFile, target, reference, labels, fit(labels), riskBands);
        }

        private AncestryModel fit(Populations labels) {
            ancestryModel = AncestryModel.fit(reference, labels, AncestryModel.Options.defaults());
            return ancestryModel;
        }

        /** How missing calls were handled, for the {@code scored} line. */
        static String imputation(ScoreResult result, NormalisedResult normalised) {
            return result.missingGenotypes() == MissingGenotypes.ZERO ? "no mean imputation"
                    : normalised != null && normalised.imputedFrom().isPresent()
                            ? "mean imputation from the effect allele frequencies of the reference's " + normalised.imputedFrom().get()
                                    + " samples, as the target has one sample"
                            : "mean imputation";
        }

        /** The {@code reference:}, {@code ancestry:}, {@code population:} and {@code bands:} lines. */
        void print(PrintWriter writer, NormalisedResult normalised, RiskBands riskBands) {
            writer.printf(Locale.ROOT, "reference: %s: %,d of the %,d matched variants are in it too%s; %,d samples, %,d not in %s%n",
                    reference.getFileName(), normalised.sharedVariants(), normalised.targetVariants(),
                    normalised.sharedVariants() == normalised.targetVariants() ? "" : " (sum, avg and percentiles over these only)",
                    normalised.reference().samples().size(), normalised.unlabelledReferenceSamples(), populations.getFileName());
            if (normalised.byAncestry()) {
                Map<String, Integer> chosen = new TreeMap<>();
                normalised.samples().forEach(sample -> chosen.merge(sample.population(), 1, Integer::sum));
                StringJoiner counts = new StringJoiner(", ");
                chosen.forEach((code, count) -> counts.add(code + " " + String.format(Locale.ROOT, "%,d", count)));
                writer.printf(Locale.ROOT, "ancestry: each sample compared with its closest super-population (projection onto %d "
                        + "principal components of %s over %,d variants): %s%n", ancestryModel.options().components(),
                        reference.getFileName(), ancestryModel.variants().size(), counts);
                if (normalised.samples().size() == 1) {
                    AncestryModel.Assignment assignment = normalised.samples().get(0).ancestry().orElseThrow();
                    StringJoiner distances = new StringJoiner(", ");
                    assignment.distances().entrySet().stream().sorted(Map.Entry.comparingByValue())
                            .forEach(entry -> distances.add(entry.getKey() + " " + String.format(Locale.ROOT, "%.3g", entry.getValue())));
                    writer.printf(Locale.ROOT, "ancestry of the sample: %s (distances %s; margin %s; %,d of %,d variants called)%n",
                            assignment.superPopulation(), distances, Double.isInfinite(assignment.margin()) ? "NA"
                                    : String.format(Locale.ROOT, "%.2f", assignment.margin()),
                            assignment.variantsObserved(), assignment.variantsTotal());
                }
            }
            for (ReferenceDistribution used : normalised.distributions().values()) {
                writer.printf(Locale.ROOT, "population: %s, %,d reference samples, mean sum %s, sd %s%n", used.population(),
                        used.size(), ScoreTsvWriter.number(used.mean()), ScoreTsvWriter.number(used.standardDeviation()));
            }
            StringJoiner joiner = new StringJoiner(", ");
            joiner.setEmptyValue("none");
            riskBands.bands().forEach(band -> joiner.add(band.name() + " above percentile " + ScoreTsvWriter.number(band.threshold())));
            writer.printf(Locale.ROOT, "bands: %s%n", joiner);
        }
    }

    /** {@code matched 782, excluded_ambiguous 47, …, unmatched 6}: every outcome, in the enum's order. */
    private static String outcomes(MatchReport report) {
        StringJoiner joiner = new StringJoiner(", ");
        for (MatchOutcome outcome : MatchOutcome.values()) {
            joiner.add(label(outcome) + " " + report.count(outcome));
        }
        return joiner.toString();
    }

    private static String matchTypes(MatchReport report) {
        StringJoiner joiner = new StringJoiner(", ");
        joiner.setEmptyValue("none");
        for (MatchType type : MatchType.values()) {
            int count = report.matchTypes().getOrDefault(type, 0);
            if (count > 0) {
                joiner.add(type.label() + " " + count);
            }
        }
        return joiner.toString();
    }

    private static String label(MatchOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** One row per scoring-file row, in file order; see {@link #MATCH_REPORT_HEADER}. */
    private static void writeMatchReport(ScoreResult result, Writer writer) throws IOException {
        writer.write(MATCH_REPORT_HEADER);
        writer.write('\n');
        for (VariantMatch match : result.match().matches()) {
            ScoreVariant variant = match.variant();
            StringJoiner row = new StringJoiner("\t", "", "\n");
            row.add(Long.toString(variant.line()));
            row.add(variant.rsId().orElse(""));
            row.add(variant.chromosome());
            row.add(variant.position() == 0 ? "" : Integer.toString(variant.position()));
            row.add(variant.effectAllele());
            row.add(variant.otherAllele().orElse(""));
            row.add(variant.effectType().name().toLowerCase(Locale.ROOT));
            row.add(label(match.outcome()));
            row.add(match.type().map(MatchType::label).orElse(""));
            row.add(match.site().map(PrsCommand::site).orElse(""));
            row.add(Boolean.toString(match.duplicateBestMatch()));
            row.add(Boolean.toString(variant.duplicated()));
            writer.write(row.toString());
        }
        writer.flush();
    }

    /** {@code chr:pos:ref:alt[,alt…]}, as plink2's {@code --set-all-var-ids '@:#:$r:$a'} names a site. */
    private static String site(TargetSite site) {
        return site.chromosome() + ":" + site.position() + ":" + site.reference() + ":" + String.join(",", site.alternates());
    }

    /** Refuses, before any work is done, an output path that is a directory or lies under a file. */
    private void checkOutput(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + " is a directory; give a file name");
        }
        for (Path parent = file.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                if (!Files.isDirectory(parent)) {
                    throw new ParameterException(spec.commandLine(), option + " " + file + ": " + parent + " is not a directory");
                }
                break;
            }
        }
    }

    /** Something that writes a file's content. */
    private interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    /**
     * Writes {@code content} to a temporary file next to {@code target} (owner-only, as createTempFile makes it),
     * creating the missing directories.
     */
    private static Staged stage(Path target, Content content) {
        Path directory = target.toAbsolutePath().getParent();
        Path temporary;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot create a temporary file in the directory of " + target, exception);
        }
        Staged staged = new Staged(temporary, target);
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            content.writeTo(writer);
        } catch (IOException exception) {
            staged.discard();
            throw new UncheckedIOException("cannot write " + target, exception);
        }
        return staged;
    }

    /** A complete temporary file waiting to be renamed to its target. */
    private static final class Staged {
        private final Path temporary;
        private final Path target;

        Staged(Path temporary, Path target) {
            this.temporary = temporary;
            this.target = target;
        }

        void moveIntoPlace() {
            try {
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException exception) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException exception) {
                throw new UncheckedIOException("cannot move the finished file into place as " + target, exception);
            }
        }

        void discard() {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException exception) {
                // a leftover hidden temporary file; the error that brought us here matters more
            }
        }
    }

    /**
     * {@code permed prs store}: one score over samples already in the genome store (a cohort, a list of samples, or
     * all samples of an assembly), with the same matching and summing as the VCF mode. The store's sites are
     * normalised biallelic variants, each a site of its own (as in a VCF whose multi-allelic records were split, so
     * {@code --keep-multiallelic} changes nothing here). A sample without a stored call at a site (its
     * segment lacks the site, e.g. a single-sample VCF without reference calls) counts as missing there. With
     * {@code --reference} the samples are normalised by the same {@link ReferenceNormaliser} as a VCF, their genotypes
     * handed over as a {@link GenotypeLoader}, so that both modes give the same table and lines.
     */
    @Command(name = "store", mixinStandardHelpOptions = true,
            description = {
                "Polygenic risk score of samples in the genome store (a cohort, --samples, or all).",
                "Matches and sums as 'permed prs' does; the assembly is the score's build",
                "(harmonised) unless --assembly is given. A sample without a stored call at a",
                "matched site counts as missing there (mean-imputed unless --no-mean-imputation).",
                "Writes --out: sample, allele_count, sum, avg (sample IDs as stored; COHORT/ID when",
                "several selected samples share an ID).",
                "With --reference and --populations the samples are normalised as 'permed prs'",
                "normalises a VCF: population, percentile, z and band appended (with --population,",
                "else each sample's closest super-population by ancestry, plus ancestry_distance",
                "and ancestry_margin); one sample alone is imputed from the reference population."
            })
    static final class StoreScore extends ConfiguredCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--score", required = true, paramLabel = "FILE",
                description = "PGS Catalog scoring file, plain or gzip (the harmonised file for the store's assembly).")
        Path score;

        @Option(names = "--cohort", paramLabel = "NAME", description = "Score the samples of this cohort.")
        String cohort;

        @Option(names = "--samples", paramLabel = "FILE",
                description = "Score these samples: one sample ID per line (COHORT/ID where several cohorts use the ID).")
        Path samples;

        @Option(names = "--assembly", paramLabel = "GRCh37|GRCh38",
                description = "The store's assembly to score (default: the score's build).")
        String assembly;

        @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The scores (replaced if it exists).")
        Path out;

        @Mixin
        ScoringOptions scoring;

        @Mixin
        ReferenceOptions normalisation;

        @Override
        public Integer call() {
            if (cohort != null && samples != null) {
                throw new ParameterException(spec.commandLine(), "give --cohort or --samples, not both");
            }
            normalisation.check(spec);
            scoring.check(spec, out);
            for (Path file : scoring.matchReport == null ? List.of(out) : List.of(out, scoring.matchReport)) {
                if (Files.isDirectory(file)) {
                    throw new ParameterException(spec.commandLine(), file + " is a directory; give a file name");
                }
            }
            RiskBands riskBands = normalisation.riskBands();
            Populations labels = normalisation.labels();
            ScoringFile scoringFile = ScoringFileReader.read(score);
            ScoreOptions options = scoring.score(scoring.match());
            try (GenomeSession session = new GenomeSession(configuration())) {
                Assembly chosen = assembly(session.genome, scoringFile);
                List<StoredSample> selected = select(session.genome, chosen);
                // the selected samples' calls at the positions asked for (the score's; with an ancestry model, its too)
                GenotypeLoader genotypes = loci -> no.permed.app.PrsScoring.storeGenotypes(session.genome, selected, chosen, loci);
                NormalisedResult normalised;
                ScoreResult result;
                if (normalisation.reference == null) {
                    normalised = null;
                    result = new VcfScorer(options).score(scoringFile, genotypes.load(no.permed.prs.calc.Locus.of(scoringFile)));
                } else {
                    normalised = normalisation.normalise(options, scoringFile, labels, riskBands, genotypes);
                    result = normalised.target();
                }
                List<Staged> staged = new ArrayList<>(2);
                try {
                    staged.add(stage(out, writer -> {
                        if (normalised == null) {
                            ScoreTsvWriter.write(result, writer);
                        } else {
                            NormalisedTsvWriter.write(normalised, writer);
                        }
                    }));
                    if (scoring.matchReport != null) {
                        staged.add(stage(scoring.matchReport, writer -> writeMatchReport(result, writer)));
                    }
                    for (Staged file : staged) {
                        file.moveIntoPlace();
                    }
                } finally {
                    for (Staged file : staged) {
                        file.discard();
                    }
                }
                Map<String, String> details = new LinkedHashMap<>();
                details.put("score", result.scoreId());
                details.put("samples", Integer.toString(selected.size()));
                details.put("assembly", chosen.displayName());
                if (normalised != null) {
                    details.put("reference", String.valueOf(normalisation.reference.getFileName()));
                }
                session.security.auditLog().append(new AuditEvent(session.operator, "prs.score.export", Optional.empty(),
                        Purpose.QUALITY_ASSURANCE, AuditOutcome.PERMITTED, details));
                PrintWriter writer = spec.commandLine().getOut();
                MatchReport report = result.match().report();
                writer.printf(Locale.ROOT, "score: %s (%s)%n", result.scoreId(), scoringFile.fileName());
                writer.printf(Locale.ROOT, "trait: %s%n", result.header().traitReported().orElse("not given"));
                writer.printf(Locale.ROOT, "licence: %s%n", result.header().licenseOrDefault());
                writer.printf(Locale.ROOT, "build: %s (genome store)%n", chosen.displayName());
                writer.printf(Locale.ROOT, "match: %s%n", report.summary());
                writer.printf(Locale.ROOT, "outcomes: %s%n", outcomes(report));
                writer.printf(Locale.ROOT, "match types: %s%n", matchTypes(report));
                writer.printf(Locale.ROOT, "scored %,d sample%s of the genome store (missing calls: %s) into %s%n",
                        result.samples().size(), result.samples().size() == 1 ? "" : "s", ReferenceOptions.imputation(result, normalised),
                        out);
                if (normalised != null) {
                    normalisation.print(writer, normalised, riskBands);
                }
                if (scoring.matchReport != null) {
                    writer.printf(Locale.ROOT, "match report: %s%n", scoring.matchReport);
                }
                writer.flush();
                return ExitCodes.OK;
            }
        }

        private Assembly assembly(GenomeStore genome, ScoringFile scoringFile) {
            Set<Assembly> held = genome.assemblies();
            Assembly chosen;
            if (assembly != null) {
                chosen = Assembly.parse(assembly);
            } else if (scoringFile.build().isPresent()) {
                chosen = Assembly.parse(scoringFile.build().get());
            } else if (held.size() == 1) {
                chosen = held.iterator().next();
            } else {
                throw new ParameterException(spec.commandLine(), scoringFile.fileName() + " names no genome build; give --assembly");
            }
            if (!held.contains(chosen)) {
                throw new PermedException(GenomeErrorCode.INVALID_QUERY, "the genome store holds no " + chosen.displayName()
                        + " samples (score " + scoringFile.fileName() + " is on " + chosen.displayName() + ")",
                        Map.of("field", "assembly"));
            }
            return chosen;
        }

        private List<StoredSample> select(GenomeStore genome, Assembly chosen) {
            List<StoredSample> all = genome.samples();
            List<StoredSample> selected;
            if (samples != null) {
                SampleSelection selection = genome.selectByIds(FreqCommand.readIds(samples));
                selected = all.stream().filter(sample -> selection.includes(sample.id())).toList();
                List<StoredSample> otherAssembly = selected.stream().filter(sample -> sample.assembly() != chosen).toList();
                if (!otherAssembly.isEmpty()) {
                    throw new PermedException(GenomeErrorCode.INVALID_QUERY, otherAssembly.size() + " of the samples of "
                            + samples.getFileName() + " are not on " + chosen.displayName() + ", the score's build",
                            Map.of("file", String.valueOf(samples.getFileName())));
                }
            } else {
                selected = all.stream().filter(sample -> sample.assembly() == chosen)
                        .filter(sample -> cohort == null || sample.cohort().filter(cohort::equals).isPresent()).toList();
            }
            if (selected.isEmpty()) {
                throw new PermedException(GenomeErrorCode.UNKNOWN_SAMPLES, cohort != null
                        ? "the genome store has no " + chosen.displayName() + " samples of cohort " + cohort
                        : "no " + chosen.displayName() + " samples to score", Map.of());
            }
            return selected;
        }
    }

}
