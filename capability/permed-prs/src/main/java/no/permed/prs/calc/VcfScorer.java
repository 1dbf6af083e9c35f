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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
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
import no.permed.vcf.read.SiteFilter;
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
 * Memory is one position's records at a time (plus the records parsed ahead, at most a share of the heap), so the
 * records of one position must be next to each other (any sorted VCF); otherwise {@code PRS_TARGET_NOT_SORTED}.
 * Reference blocks and records without ALT are skipped. The VCF is parsed on a thread of its own while this one
 * matches and sums, and only the records at the score's positions have their sample columns parsed (the others' are
 * neither parsed nor checked; their fixed columns are): most of the cost of a many-sample VCF is its sample columns.
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
    /** Effect allele frequencies by score row to impute missing calls from, instead of the target's own; or null. */
    private final Map<Integer, Double> imputationFrequencies;

    public VcfScorer(ScoreOptions options) {
        this(options, null);
    }

    private VcfScorer(ScoreOptions options, Map<Integer, Double> imputationFrequencies) {
        this.options = requireNonNull(options, "options is null");
        this.matcher = new VariantMatcher(options.match());
        this.imputationFrequencies = imputationFrequencies;
    }

    /**
     * A scorer that mean-imputes a missing call from the given effect allele frequency of its row (0-based row index →
     * frequency, e.g. {@link #effectAlleleFrequencies} of a reference population) instead of the target's own called
     * samples, which one person alone does not have (pgsc_calc does the same with its reference panel's frequencies).
     * Rows without a frequency are imputed from the target as before. Only under {@link MissingGenotypes#MEAN_IMPUTATION}.
     */
    public VcfScorer withImputationFrequencies(Map<Integer, Double> frequencies) {
        return new VcfScorer(options, Map.copyOf(requireNonNull(frequencies, "frequencies is null")));
    }

    /**
     * The effect allele frequency of every given row matched in {@code source}, among its called samples (a haploid
     * call counts as two copies of one allele, as in scoring): for {@link #withImputationFrequencies}.
     */
    public Map<Integer, Double> effectAlleleFrequencies(ScoringFile score, GenotypeSource source, Set<Integer> rows) {
        requireNonNull(score, "score is null");
        requireNonNull(source, "source is null");
        requireNonNull(rows, "rows is null");
        Map<Integer, Double> frequencies = new HashMap<>();
        run(score, source, Set.copyOf(rows), frequencies);
        return frequencies;
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
        Pass pass = run(score, source, null, null);
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
        Pass pass = run(score, source, Set.copyOf(rows), null);
        return result(score, pass.match, pass);
    }

    private Pass run(ScoringFile score, GenotypeSource source, Set<Integer> only, Map<Integer, Double> recordFrequencies) {
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
        Sums sums = new Sums(samples.size(), options.missingGenotypes(), imputationFrequencies, recordFrequencies);
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
            samples.add(new SampleScore(pass.samples.get(sample), pass.sums.denominator(sample), pass.sums.called(sample),
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

    /**
     * As {@link #score(ScoringFile, Path)}, with the scoring file read by {@code loader} while the VCF is opened, its
     * header read and its decompression started on other threads: for a short command-line run. The loader's failure
     * is thrown first, as if the score had been read before.
     *
     * @return the scoring file the loader read, and the result
     */
    public Loaded scoreWhileLoading(Supplier<ScoringFile> loader, Path vcf) {
        requireNonNull(loader, "loader is null");
        requireNonNull(vcf, "vcf is null");
        VcfReader reader;
        try {
            reader = VcfReader.open(vcf, VcfReaderOptions.defaults());
        } catch (RuntimeException failure) {
            loader.get();
            throw failure;
        }
        RecordPipeline pipeline = new RecordPipeline(reader, true);
        try {
            pipeline.start();
            ScoringFile score = requireNonNull(loader.get(), "the loader gave no scoring file");
            Pass pass = consume(score, pipeline, true, null);
            MatchResult match = pass.match.requirePassed();
            LOG.info("score {}: {}", score.scoreId(), match.report().summary());
            return new Loaded(score, result(score, match, pass));
        } finally {
            pipeline.stop();
        }
    }

    /** A scoring file read by {@link #scoreWhileLoading} and its result. */
    public record Loaded(ScoringFile score, ScoreResult result) {
        public Loaded {
            requireNonNull(score, "score is null");
            requireNonNull(result, "result is null");
        }
    }

    private Pass run(ScoringFile score, Path vcf, boolean scoring, Set<Integer> only) {
        RecordPipeline pipeline = new RecordPipeline(VcfReader.open(vcf, VcfReaderOptions.defaults()), scoring);
        try {
            pipeline.start();
            return consume(score, pipeline, scoring, only);
        } finally {
            pipeline.stop();
        }
    }

    /**
     * Matches and sums the records the pipeline hands over, on the calling thread, while the pipeline's thread parses
     * the next ones (and inflation threads decompress further ahead).
     */
    private Pass consume(ScoringFile score, RecordPipeline pipeline, boolean scoring, Set<Integer> only) {
        Map<String, Map<Integer, List<ScoreVariant>>> index = new HashMap<>();
        for (ScoreVariant variant : score.variants()) {
            if (variant.hasLocus() && (only == null || only.contains(variant.row()))) {
                index.computeIfAbsent(variant.chromosome(), key -> new HashMap<>())
                        .computeIfAbsent(variant.position(), key -> new ArrayList<>(1)).add(variant);
            }
        }
        // from now on the pipeline parses the sample columns of the score's positions only
        pipeline.want((contig, position) -> {
            Map<Integer, List<ScoreVariant>> rows = index.get(contig);
            return rows != null && rows.containsKey(position);
        });
        VariantMatch[] byRow = new VariantMatch[score.variants().size()];
        String file = pipeline.file;
        List<String> samples = pipeline.samples;
        if (scoring && samples.isEmpty()) {
            throw new PermedException(PrsErrorCode.TARGET_NO_SAMPLES, file + " has no sample columns: there is nothing to score",
                    Map.of("file", file));
        }
        Sums sums = new Sums(samples.size(), options.missingGenotypes(), imputationFrequencies, null);
        Group group = new Group();
        Set<String> finished = new HashSet<>();
        List<Site> batch;
        while ((batch = pipeline.next()) != null) {
            for (Site record : batch) {
                pipeline.release(record);
                Map<Integer, List<ScoreVariant>> contig = index.get(record.contig);
                List<ScoreVariant> rows = contig == null ? null : contig.get(record.position);
                if (rows == null) {
                    continue;
                }
                if (!group.is(record.contig, record.position)) {
                    flush(group, byRow, sums, scoring, finished);
                    String key = record.contig + ":" + record.position;
                    if (finished.contains(key)) {
                        throw notSorted(file, record);
                    }
                    group.start(record.contig, record.position, rows);
                }
                group.sites.add(new TargetSite(record.ordinal, record.contig, record.position, record.reference, record.alternates));
                if (!scoring) {
                    group.calls.add(null);
                } else if (record.codes != null) {
                    group.calls.add(new byte[0]);
                    group.codes.put(group.calls.size() - 1, record.codes);
                } else {
                    group.calls.add(record.calls);
                }
            }
        }
        flush(group, byRow, sums, scoring, finished);
        return new Pass(matcher.result(score, byRow), samples, sums);
    }

    /** A variant record as the pipeline hands it over: the site and, when scoring, its calls. */
    private record Site(long ordinal, long line, String contig, String contigAsWritten, int position, String reference,
            List<String> alternates, byte[] codes, byte[] calls) {
        int cost() {
            int bytes = codes != null ? codes.length : calls != null ? calls.length : 0;
            return 1 + (bytes >> 10);
        }
    }

    /**
     * Reads the VCF on a thread of its own and hands its variant records over in batches: the sample columns of a
     * biallelic record turned into ALT-copy codes ({@link #ALT_COPIES}), of a multi-allelic one into allele pairs. Only
     * records at the positions {@link #want} names are handed over, and the others' sample columns are not even parsed
     * (nor checked: whatever they hold, the result and the errors are the same). The reader is opened (and BGZF
     * inflation starts) before the positions are known, but no record is parsed until they are, so which records are
     * checked never depends on timing. Records waiting to be taken are limited in memory (a share of the heap); a
     * failure of the reader is thrown by {@link #next}.
     */
    private static final class RecordPipeline {
        private static final int BATCH = 128;
        private static final SiteFilter NOTHING = (contig, position) -> false;
        private static final List<Site> END = List.of();

        final String file;
        final List<String> samples;
        private final VcfReader reader;
        private final boolean scoring;
        private final LinkedBlockingQueue<List<Site>> queue = new LinkedBlockingQueue<>();
        private final Semaphore budget;
        private final int permits;
        private final Thread thread;
        private volatile SiteFilter wanted;
        private final java.util.concurrent.CountDownLatch known = new java.util.concurrent.CountDownLatch(1);
        private volatile RuntimeException failure;
        private volatile boolean stopped;
        private boolean ended;

        RecordPipeline(VcfReader reader, boolean scoring) {
            this.reader = reader;
            this.scoring = scoring;
            this.file = reader.fileName();
            this.samples = reader.header().samples();
            long heapShare = Runtime.getRuntime().maxMemory() / 4;
            this.permits = (int) Math.max(16 << 10, Math.min(512 << 10, heapShare >> 10)); // in KiB
            this.budget = new Semaphore(permits);
            this.thread = new Thread(this::read, "permed-prs-read " + file);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void want(SiteFilter filter) {
            wanted = requireNonNull(filter, "filter is null");
            known.countDown();
        }

        private void read() {
            try {
                known.await();
                SiteFilter filter = wanted;
                long ordinal = 0;
                List<Site> batch = new ArrayList<>(BATCH);
                int sampleCount = samples.size();
                SiteFilter parse = scoring ? filter : NOTHING;
                while (!stopped) {
                    if (!reader.advance(parse)) {
                        break;
                    }
                    VcfRecord record = reader.record();
                    ordinal++;
                    if (record.kind() != RecordKind.VARIANT) {
                        continue;
                    }
                    if (!(scoring ? record.hasGenotypes() : filter.wants(record.contig(), record.position()))) {
                        continue;
                    }
                    byte[] codes = null;
                    byte[] calls = null;
                    if (scoring && record.alternateAlleles().size() == 1) {
                        // one table look-up per call: the copies of the ALT allele, MISSING_CODE for a missing call
                        codes = new byte[sampleCount];
                        record.genotypes().encodeBiallelic(ALT_COPIES, null, codes);
                    } else if (scoring) {
                        calls = calls(record.genotypes());
                    }
                    Site site = new Site(ordinal, record.lineNumber(), record.contig(), record.contigAsWritten(), record.position(),
                            record.referenceAllele(), record.alternateAlleles(), codes, calls);
                    int cost = Math.min(site.cost(), permits);
                    if (!budget.tryAcquire(cost)) {
                        // hand over what is ready before waiting for room
                        if (!batch.isEmpty()) {
                            queue.put(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                        budget.acquire(cost);
                    }
                    batch.add(site);
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) {
                    queue.add(batch);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException readFailure) {
                failure = readFailure;
            } finally {
                queue.add(END);
            }
        }

        /** The next batch, or null at the end; throws the reader's failure where it happened. */
        List<Site> next() {
            if (ended) {
                return null;
            }
            List<Site> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + file, interrupted);
            }
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return batch;
        }

        void release(Site site) {
            budget.release(Math.min(site.cost(), permits));
        }

        /** Stops the thread (if still reading) and closes the reader. */
        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                reader.close();
            }
        }
    }

    private static PermedException notSorted(String file, Site record) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", file);
        details.put("line", record.line());
        details.put("field", "POS");
        return new PermedException(PrsErrorCode.TARGET_NOT_SORTED, file + ", line " + record.line() + ", POS: position "
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

    /**
     * The running sums of all samples. The allele counts are kept as the number of variants summed and each sample's
     * number of missing calls among them (every called variant counts 2 alleles).
     */
    private static final class Sums {
        final double[] sums;
        final int[] missingCalls;
        final int[] dosages;
        final MissingGenotypes missing;
        /** frequencies to impute from instead of the target's (by row), or null */
        final Map<Integer, Double> given;
        /** where to record each summed row's effect allele frequency among the called samples, or null */
        final Map<Integer, Double> recorded;
        int variants;

        Sums(int samples, MissingGenotypes missing, Map<Integer, Double> given, Map<Integer, Double> recorded) {
            this.sums = new double[samples];
            this.missingCalls = new int[samples];
            this.dosages = new int[samples];
            this.missing = missing;
            this.given = given;
            this.recorded = recorded;
        }

        /** The target's frequency, recorded if asked. */
        private void record(ScoreVariant variant, long copies, int calledSamples) {
            if (recorded != null && calledSamples > 0) {
                recorded.put(variant.row(), copies / (2.0 * calledSamples));
            }
        }

        /** plink2's DENOM: 2 per variant, less 2 per missing call unless missing calls are mean-imputed. */
        int denominator(int sample) {
            return missing == MissingGenotypes.MEAN_IMPUTATION ? 2 * variants : called(sample);
        }

        int called(int sample) {
            return 2 * (variants - missingCalls[sample]);
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
            accumulate(variant, copies, calledSamples, true);
        }

        /**
         * As {@link #add}, from a biallelic record's {@link #ALT_COPIES} codes; {@code effect} is 0 (REF) or 1 (ALT).
         * One pass over the samples: a table look-up and an addition each (the contribution of the code; 0 for a missing
         * call, which adds nothing and leaves the sum exactly as it was), counting the codes on the way; then, only when
         * calls are missing and mean-imputed, their imputed value is added to those samples. So every sample's additions
         * happen in the same order, with the same values, as in {@link #add}.
         */
        void addCodes(ScoreVariant variant, byte[] codes, int effect) {
            if (effect != 0 && effect != 1) {
                throw new IllegalStateException("a biallelic site has no allele " + effect);
            }
            int samples = sums.length;
            boolean alternate = effect == 1;
            double[] byCode = new double[4];
            for (int code = 0; code <= 2; code++) {
                byCode[code] = contribution(variant, alternate ? code : 2 - code);
            }
            int[] counts = new int[4];
            double[] target = sums;
            for (int sample = 0; sample < samples; sample++) {
                int code = codes[sample];
                counts[code]++;
                target[sample] += byCode[code];
            }
            int calledSamples = counts[0] + counts[1] + counts[2];
            long copies = alternate ? counts[1] + 2L * counts[2] : counts[1] + 2L * counts[0];
            record(variant, copies, calledSamples);
            if (counts[MISSING_CODE] > 0) {
                double imputed;
                if (variant.effectType() == no.permed.prs.score.EffectType.DOSAGE_WEIGHTS
                        && missing == MissingGenotypes.MEAN_IMPUTATION && givenFrequency(variant) < 0) {
                    // the mean of the called samples' contributions, summed in sample order as add() does
                    double total = 0;
                    for (int sample = 0; sample < samples; sample++) {
                        int code = codes[sample];
                        if (code != MISSING_CODE) {
                            total += byCode[code];
                        }
                    }
                    imputed = calledSamples == 0 ? 0 : total / calledSamples;
                } else {
                    imputed = imputed(variant, frequency(variant, copies, calledSamples), null, calledSamples, samples);
                }
                boolean impute = missing == MissingGenotypes.MEAN_IMPUTATION;
                for (int sample = 0; sample < samples; sample++) {
                    if (codes[sample] == MISSING_CODE) {
                        missingCalls[sample]++;
                        if (impute) {
                            target[sample] += imputed;
                        }
                    }
                }
            }
            variants++;
        }

        /** The given frequency of the variant's row, or -1. */
        private double givenFrequency(ScoreVariant variant) {
            Double frequency = given == null ? null : given.get(variant.row());
            return frequency == null ? -1 : frequency;
        }

        /** The frequency to impute from: the given one, else the target's called samples'. */
        private double frequency(ScoreVariant variant, long copies, int calledSamples) {
            double frequency = givenFrequency(variant);
            if (frequency >= 0) {
                return frequency;
            }
            return calledSamples == 0 ? 0 : copies / (2.0 * calledSamples);
        }

        private void accumulate(ScoreVariant variant, long copies, int calledSamples, boolean recordFrequency) {
            int samples = dosages.length;
            if (recordFrequency) {
                record(variant, copies, calledSamples);
            }
            double frequency = frequency(variant, copies, calledSamples);
            double[] contribution = new double[3];
            for (int dosage = 0; dosage <= 2; dosage++) {
                contribution[dosage] = contribution(variant, dosage);
            }
            double imputed = imputed(variant, frequency, contribution, calledSamples, samples);
            for (int sample = 0; sample < samples; sample++) {
                int dosage = dosages[sample];
                if (dosage >= 0) {
                    sums[sample] += contribution[dosage];
                } else {
                    missingCalls[sample]++;
                    if (missing == MissingGenotypes.MEAN_IMPUTATION) {
                        sums[sample] += imputed;
                    }
                }
            }
            variants++;
        }

        private double imputed(ScoreVariant variant, double frequency, double[] contribution, int calledSamples, int samples) {
            if (missing == MissingGenotypes.ZERO || calledSamples == samples) {
                return 0;
            }
            return switch (variant.effectType()) {
                case ADDITIVE -> variant.weight() * 2 * frequency;
                case DOMINANT, RECESSIVE -> variant.weight() * frequency;
                // from a given frequency: the expected contribution under Hardy-Weinberg proportions
                case DOSAGE_WEIGHTS -> givenFrequency(variant) >= 0
                        ? (1 - frequency) * (1 - frequency) * contribution(variant, 0) + 2 * frequency * (1 - frequency) * contribution(variant, 1)
                                + frequency * frequency * contribution(variant, 2)
                        : meanOfCalled(contribution, calledSamples);
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
