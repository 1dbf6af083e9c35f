package no.permed.prs.calc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.match.MatchResult;
import no.permed.prs.match.TargetSite;
import no.permed.prs.match.VariantMatch;
import no.permed.prs.match.VariantMatcher;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;
import no.permed.vcf.read.CallCodeTable;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every sample of a VCF (plain, gzip or BGZF) in one pass, with the semantics of {@code plink2 --score}:
 * <ul>
 *   <li>variants are matched as {@link VariantMatcher} describes (pgsc_calc's rules); only matched rows are scored, and
 *       the score fails with {@code PRS_MATCH_RATE_TOO_LOW} when too few match;</li>
 *   <li>a sample's dosage is the number of copies of the effect allele in its call; a haploid call counts as a
 *       homozygous one (0 or 2 copies, 2 alleles), which is what plink2 does with a VCF and no sex information; a call
 *       with any missing allele is missing;</li>
 *   <li>contribution: additive weight × dosage, dominant weight × min(dosage, 1), recessive weight × max(dosage − 1, 0),
 *       dosage weights the weight for that dosage; missing calls as {@link MissingGenotypes} says, with the effect
 *       allele frequency taken from the called samples of this VCF;</li>
 *   <li>{@code sum} is the sum over variants, {@code allele_count} 2 per variant (plink2's {@code DENOM}: under
 *       {@link MissingGenotypes#ZERO} only called variants count), {@code avg} = sum ÷ allele_count.</li>
 * </ul>
 * Memory is one position's records at a time, so the records of one position must be next to each other (any sorted
 * VCF); otherwise {@code PRS_TARGET_NOT_SORTED}. Reference blocks and records without ALT are skipped.
 *
 * <pre>{@code
 * ScoringFile score = ScoringFileReader.read(Path.of("PGS001229_hmPOS_GRCh38.txt.gz"));
 * ScoreResult result = new VcfScorer(ScoreOptions.defaults()).score(score, Path.of("cohort.vcf.gz"));
 * ScoreTsvWriter.write(result, writer);
 * }</pre>
 */
public final class VcfScorer {
    private static final Logger LOG = LoggerFactory.getLogger(VcfScorer.class);
    private static final byte MISSING = -1;
    /** The code of a missing call in {@link #ALT_COPIES}. */
    private static final byte MISSING_CODE = 3;
    /**
     * A biallelic record's call as the number of ALT copies (0, 1, 2; a haploid call counts twice, as homozygous), or
     * {@link #MISSING_CODE} for a call with a missing allele or no GT: the same as {@link #calls(Genotypes)} gives.
     */
    private static final CallCodeTable ALT_COPIES = CallCodeTable.of((ploidy, first, second, phased) -> {
        if (ploidy == 0 || first < 0 || (ploidy == 2 && second < 0)) {
            return MISSING_CODE;
        }
        if (ploidy == 1) {
            return (byte) (first == 1 ? 2 : 0);
        }
        return (byte) ((first == 1 ? 1 : 0) + (second == 1 ? 1 : 0));
    });

    private final ScoreOptions options;
    private final VariantMatcher matcher;

    public VcfScorer(ScoreOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.matcher = new VariantMatcher(options.match());
    }

    public ScoreOptions options() {
        return options;
    }

    /**
     * Matches and scores.
     *
     * @throws PermedException {@code PRS_MATCH_RATE_TOO_LOW}, {@code PRS_TARGET_NO_SAMPLES}, {@code PRS_TARGET_NOT_SORTED},
     *     or a {@code VCF_*} error naming file, line and field
     */
    public ScoreResult score(ScoringFile score, Path vcf) {
        requireNonNull(score, "score is null");
        requireNonNull(vcf, "vcf is null");
        Pass pass = run(score, vcf, true, null);
        MatchResult match = pass.match.requirePassed();
        LOG.info("score {}: {}", score.scoreId(), match.report().summary());
        return result(score, match, pass);
    }

    /**
     * Matches and scores only the given rows of the score (0-based row indices, {@link ScoreVariant#row()}); the other
     * rows are reported as unmatched, and no minimum overlap is required: the caller decides. For scoring a reference
     * population with the variants matched in a target, and the target again with the variants both share.
     *
     * @throws PermedException {@code PRS_TARGET_NO_SAMPLES}, {@code PRS_TARGET_NOT_SORTED}, or a {@code VCF_*} error
     */
    public ScoreResult scoreRows(ScoringFile score, Path vcf, Set<Integer> rows) {
        requireNonNull(score, "score is null");
        requireNonNull(vcf, "vcf is null");
        requireNonNull(rows, "rows is null");
        Pass pass = run(score, vcf, true, Set.copyOf(rows));
        return result(score, pass.match, pass);
    }

    /**
     * Matches and scores the samples of a {@link GenotypeSource} (for example samples of the genome store) with the same
     * rules as a VCF: the source is asked for the sites at each position of the score, the rows of that position are
     * matched against them, and the matched ones are summed. Missing or unknown calls are handled as
     * {@link ScoreOptions#missingGenotypes()} says, with the frequency taken from the source's called samples.
     *
     * @throws PermedException {@code PRS_MATCH_RATE_TOO_LOW} or {@code PRS_TARGET_NO_SAMPLES}
     */
    public ScoreResult score(ScoringFile score, GenotypeSource source) {
        requireNonNull(score, "score is null");
        requireNonNull(source, "source is null");
        Pass pass = run(score, source, null);
        MatchResult match = pass.match.requirePassed();
        LOG.info("score {} over {}: {}", score.scoreId(), source.name(), match.report().summary());
        return result(score, match, pass);
    }

    /**
     * As {@link #scoreRows(ScoringFile, Path, Set)}, over a {@link GenotypeSource}: only the given rows are matched and
     * summed, and no minimum overlap is required.
     *
     * @throws PermedException {@code PRS_TARGET_NO_SAMPLES}
     */
    public ScoreResult scoreRows(ScoringFile score, GenotypeSource source, Set<Integer> rows) {
        requireNonNull(score, "score is null");
        requireNonNull(source, "source is null");
        requireNonNull(rows, "rows is null");
        Pass pass = run(score, source, Set.copyOf(rows));
        return result(score, pass.match, pass);
    }

    private Pass run(ScoringFile score, GenotypeSource source, Set<Integer> only) {
        List<String> samples = List.copyOf(source.samples());
        if (samples.isEmpty()) {
            throw new PermedException(PrsErrorCode.TARGET_NO_SAMPLES, source.name() + " has no samples: there is nothing to score",
                    Map.of("target", source.name()));
        }
        Map<String, List<ScoreVariant>> byLocus = new LinkedHashMap<>();
        for (ScoreVariant variant : score.variants()) {
            if (variant.hasLocus() && (only == null || only.contains(variant.row()))) {
                byLocus.computeIfAbsent(variant.chromosome() + ":" + variant.position(), key -> new ArrayList<>(1)).add(variant);
            }
        }
        VariantMatch[] byRow = new VariantMatch[score.variants().size()];
        Sums sums = new Sums(samples.size(), options.missingGenotypes());
        Group group = new Group();
        Set<String> finished = new HashSet<>();
        for (List<ScoreVariant> rows : byLocus.values()) {
            ScoreVariant first = rows.get(0);
            List<TargetSite> sites = source.sites(first.chromosome(), first.position());
            if (sites.isEmpty()) {
                continue;
            }
            group.start(first.chromosome(), first.position(), rows);
            for (TargetSite site : sites) {
                byte[] calls = source.calls(site);
                if (calls.length != 2 * samples.size()) {
                    throw new IllegalStateException(source.name() + " gave " + calls.length + " alleles for " + samples.size() + " samples");
                }
                group.sites.add(site);
                group.calls.add(calls);
            }
            flush(group, byRow, sums, true, finished);
        }
        return new Pass(matcher.result(score, byRow), samples, sums);
    }

    private ScoreResult result(ScoringFile score, MatchResult match, Pass pass) {
        List<SampleScore> samples = new ArrayList<>(pass.samples.size());
        for (int sample = 0; sample < pass.samples.size(); sample++) {
            samples.add(new SampleScore(pass.samples.get(sample), pass.sums.denominators[sample], pass.sums.called[sample],
                    pass.sums.sums[sample]));
        }
        return new ScoreResult(score.scoreId(), score.header(), match, options.missingGenotypes(), samples);
    }

    /** Matches only (genotypes are not looked at), without failing on a low match rate: for reports. */
    public MatchResult match(ScoringFile score, Path vcf) {
        requireNonNull(score, "score is null");
        requireNonNull(vcf, "vcf is null");
        return run(score, vcf, false, null).match;
    }

    private Pass run(ScoringFile score, Path vcf, boolean scoring, Set<Integer> only) {
        Map<String, Map<Integer, List<ScoreVariant>>> index = new HashMap<>();
        for (ScoreVariant variant : score.variants()) {
            if (variant.hasLocus() && (only == null || only.contains(variant.row()))) {
                index.computeIfAbsent(variant.chromosome(), key -> new HashMap<>())
                        .computeIfAbsent(variant.position(), key -> new ArrayList<>(1)).add(variant);
            }
        }
        VariantMatch[] byRow = new VariantMatch[score.variants().size()];
        try (VcfReader reader = VcfReader.open(vcf, VcfReaderOptions.defaults())) {
            String file = reader.fileName();
            List<String> samples = reader.header().samples();
            if (scoring && samples.isEmpty()) {
                throw new PermedException(PrsErrorCode.TARGET_NO_SAMPLES, file + " has no sample columns: there is nothing to score",
                        Map.of("file", file));
            }
            Sums sums = new Sums(samples.size(), options.missingGenotypes());
            Group group = new Group();
            Set<String> finished = new HashSet<>();
            long ordinal = 0;
            while (reader.advance()) {
                VcfRecord record = reader.record();
                ordinal++;
                if (record.kind() != RecordKind.VARIANT) {
                    continue;
                }
                Map<Integer, List<ScoreVariant>> contig = index.get(record.contig());
                List<ScoreVariant> rows = contig == null ? null : contig.get(record.position());
                if (rows == null) {
                    continue;
                }
                if (!group.is(record.contig(), record.position())) {
                    flush(group, byRow, sums, scoring, finished);
                    String key = record.contig() + ":" + record.position();
                    if (finished.contains(key)) {
                        throw notSorted(file, record);
                    }
                    group.start(record.contig(), record.position(), rows);
                }
                group.sites.add(new TargetSite(ordinal, record.contig(), record.position(), record.referenceAllele(),
                        record.alternateAlleles()));
                if (!scoring) {
                    group.calls.add(null);
                } else if (record.alternateAlleles().size() == 1) {
                    // one table look-up per call: the copies of the ALT allele, MISSING_CODE for a missing call
                    byte[] codes = new byte[samples.size()];
                    record.genotypes().encodeBiallelic(ALT_COPIES, null, codes);
                    group.calls.add(new byte[0]);
                    group.codes.put(group.calls.size() - 1, codes);
                } else {
                    group.calls.add(calls(record.genotypes()));
                }
            }
            flush(group, byRow, sums, scoring, finished);
            return new Pass(matcher.result(score, byRow), samples, sums);
        }
    }

    private static PermedException notSorted(String file, VcfRecord record) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("line", record.lineNumber());
        details.put("field", "POS");
        return new PermedException(PrsErrorCode.TARGET_NOT_SORTED, file + ", line " + record.lineNumber() + ", POS: position "
                + record.contigAsWritten() + ":" + record.position() + " appears again after other positions; the records of one "
                + "position must be next to each other (sort the VCF, e.g. bcftools sort)", details);
    }

    private void flush(Group group, VariantMatch[] byRow, Sums sums, boolean scoring, Set<String> finished) {
        if (group.rows == null) {
            return;
        }
        finished.add(group.chromosome + ":" + group.position);
        for (VariantMatch match : matcher.matchPosition(group.rows, group.sites)) {
            byRow[match.variant().row()] = match;
            if (scoring && match.isMatched()) {
                int site = group.sites.indexOf(match.site().orElseThrow());
                byte[] codes = group.codes.get(site);
                if (codes != null) {
                    sums.addCodes(match.variant(), codes, match.effectAlleleIndex());
                } else {
                    sums.add(match.variant(), group.calls.get(site), match.effectAlleleIndex());
                }
            }
        }
        group.rows = null;
        group.sites.clear();
        group.calls.clear();
        group.codes.clear();
    }

    /** Copies the calls as two allele indices per sample; haploid calls doubled, calls with a missing allele both MISSING. */
    private static byte[] calls(Genotypes genotypes) {
        int[] alleles = genotypes.alleleIndicesView();
        byte[] ploidies = genotypes.ploidiesView();
        byte[] calls = new byte[ploidies.length * 2];
        for (int sample = 0; sample < ploidies.length; sample++) {
            int first = alleles[2 * sample];
            int second = ploidies[sample] == 1 ? first : alleles[2 * sample + 1];
            if (ploidies[sample] == 0 || first < 0 || second < 0) {
                calls[2 * sample] = MISSING;
                calls[2 * sample + 1] = MISSING;
            } else {
                calls[2 * sample] = (byte) Math.min(first, Byte.MAX_VALUE);
                calls[2 * sample + 1] = (byte) Math.min(second, Byte.MAX_VALUE);
            }
        }
        return calls;
    }

    /** The records of the current position. */
    private static final class Group {
        String chromosome;
        int position = -1;
        List<ScoreVariant> rows;
        final List<TargetSite> sites = new ArrayList<>();
        final List<byte[]> calls = new ArrayList<>();
        /** for biallelic VCF records: the ALT copies per sample (one byte each) by index into {@link #calls} */
        final Map<Integer, byte[]> codes = new HashMap<>();

        boolean is(String otherChromosome, int otherPosition) {
            return rows != null && position == otherPosition && chromosome.equals(otherChromosome);
        }

        void start(String newChromosome, int newPosition, List<ScoreVariant> newRows) {
            chromosome = newChromosome;
            position = newPosition;
            rows = newRows;
        }
    }

    private record Pass(MatchResult match, List<String> samples, Sums sums) {
    }

    /** The running sums of all samples. */
    private static final class Sums {
        final double[] sums;
        final int[] denominators;
        final int[] called;
        final int[] dosages;
        final MissingGenotypes missing;

        Sums(int samples, MissingGenotypes missing) {
            this.sums = new double[samples];
            this.denominators = new int[samples];
            this.called = new int[samples];
            this.dosages = new int[samples];
            this.missing = missing;
        }

        void add(ScoreVariant variant, byte[] calls, int effect) {
            int samples = dosages.length;
            long copies = 0;
            int calledSamples = 0;
            for (int sample = 0; sample < samples; sample++) {
                byte first = calls[2 * sample];
                if (first == MISSING) {
                    dosages[sample] = -1;
                    continue;
                }
                int dosage = (first == effect ? 1 : 0) + (calls[2 * sample + 1] == effect ? 1 : 0);
                dosages[sample] = dosage;
                copies += dosage;
                calledSamples++;
            }
            accumulate(variant, copies, calledSamples);
        }

        /** As {@link #add}, from a biallelic record's {@link #ALT_COPIES} codes; {@code effect} is 0 (REF) or 1 (ALT). */
        void addCodes(ScoreVariant variant, byte[] codes, int effect) {
            int samples = dosages.length;
            long copies = 0;
            int calledSamples = 0;
            boolean alternate = effect == 1;
            if (effect != 0 && effect != 1) {
                throw new IllegalStateException("a biallelic site has no allele " + effect);
            }
            for (int sample = 0; sample < samples; sample++) {
                int code = codes[sample];
                if (code == MISSING_CODE) {
                    dosages[sample] = -1;
                    continue;
                }
                int dosage = alternate ? code : 2 - code;
                dosages[sample] = dosage;
                copies += dosage;
                calledSamples++;
            }
            accumulate(variant, copies, calledSamples);
        }

        private void accumulate(ScoreVariant variant, long copies, int calledSamples) {
            int samples = dosages.length;
            double frequency = calledSamples == 0 ? 0 : copies / (2.0 * calledSamples);
            double[] contribution = new double[3];
            for (int dosage = 0; dosage <= 2; dosage++) {
                contribution[dosage] = contribution(variant, dosage);
            }
            double imputed = imputed(variant, frequency, contribution, calledSamples, samples);
            for (int sample = 0; sample < samples; sample++) {
                int dosage = dosages[sample];
                if (dosage >= 0) {
                    sums[sample] += contribution[dosage];
                    denominators[sample] += 2;
                    called[sample] += 2;
                } else if (missing == MissingGenotypes.MEAN_IMPUTATION) {
                    sums[sample] += imputed;
                    denominators[sample] += 2;
                }
            }
        }

        private double imputed(ScoreVariant variant, double frequency, double[] contribution, int calledSamples, int samples) {
            if (missing == MissingGenotypes.ZERO || calledSamples == samples) {
                return 0;
            }
            return switch (variant.effectType()) {
                case ADDITIVE -> variant.weight() * 2 * frequency;
                case DOMINANT, RECESSIVE -> variant.weight() * frequency;
                case DOSAGE_WEIGHTS -> meanOfCalled(contribution, calledSamples);
            };
        }

        private double meanOfCalled(double[] contribution, int calledSamples) {
            if (calledSamples == 0) {
                return 0;
            }
            double total = 0;
            for (int dosage : dosages) {
                if (dosage >= 0) {
                    total += contribution[dosage];
                }
            }
            return total / calledSamples;
        }

        private static double contribution(ScoreVariant variant, int dosage) {
            return switch (variant.effectType()) {
                case ADDITIVE -> variant.weight() * dosage;
                case DOMINANT -> variant.weight() * Math.min(dosage, 1);
                case RECESSIVE -> variant.weight() * Math.max(dosage - 1, 0);
                case DOSAGE_WEIGHTS -> variant.dosageWeights().orElseThrow().forDosage(dosage);
            };
        }
    }
}
