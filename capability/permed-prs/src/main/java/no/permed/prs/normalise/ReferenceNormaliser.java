package no.permed.prs.normalise;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.ancestry.AncestryModel;
import no.permed.prs.calc.GenotypeLoader;
import no.permed.prs.calc.GenotypeSource;
import no.permed.prs.calc.Locus;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.SampleScore;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.calc.ScoreResult;
import no.permed.prs.calc.VcfGenotypes;
import no.permed.prs.calc.VcfScorer;
import no.permed.prs.match.VariantMatch;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a target and a reference VCF (e.g. 1000 Genomes) with the same variants and places every target sample in
 * the distribution of one reference population. The target is a VCF ({@code permed prs --vcf}) or any
 * {@link GenotypeLoader} (the samples of the genome store, {@code permed prs store}); both go through the same steps:
 * <ol>
 *   <li>the target is scored and matched as {@link VcfScorer#score} does (the minimum overlap applies);</li>
 *   <li>the reference is scored with the rows matched in the target only ({@link VcfScorer#scoreRows}); missing calls
 *       there are imputed from the reference's own frequencies;</li>
 *   <li>when the reference lacks some of them, the target is scored again over the rows both share; the shared rows
 *       must still reach the minimum overlap of the whole score ({@code PRS_REFERENCE_OVERLAP_TOO_LOW});</li>
 *   <li>the reference samples the population file puts in the chosen population (population or super-population code,
 *       or {@code ALL}) form the {@link ReferenceDistribution} of sums; fewer than two →
 *       {@code PRS_REFERENCE_POPULATION_TOO_SMALL}.</li>
 * </ol>
 * Percentile and Z-score are of the {@code sum}. The population is named by the caller, or chosen per sample by an
 * {@link AncestryModel} ({@code normaliseByAncestry}). A VCF target is streamed for each scoring, exactly as
 * {@link VcfScorer#score(ScoringFile, Path)} scores it without a reference; a loader's genotypes are loaded once, at the
 * score's positions (and the model's).
 * <p>
 * The command line and the REST patient route ({@link no.permed.prs.person.PersonalScorer}) both normalise here. A
 * long-running process creates one normaliser with a cache ({@link #ReferenceNormaliser(ScoreOptions, int)}): the
 * reference's scores and its populations' effect allele frequencies are then kept per reference VCF, score and rows,
 * so that one person after another (whose matched rows are mostly the same) does not rescore thousands of reference
 * samples. The reference files are taken not to change while the process runs. Error messages name the reference as
 * {@link Reference} says: its files, or a panel's display name.
 */
public final class ReferenceNormaliser {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceNormaliser.class);

    private final ScoreOptions options;
    private final VcfScorer scorer;
    /** Reference scorings and frequencies kept (of each kind); 0 for none. */
    private final int cacheSize;
    private final Map<ScoredKey, ScoreResult> referenceScores = new ConcurrentHashMap<>();
    private final Map<FrequencyKey, Map<Integer, Double>> referenceFrequencies = new ConcurrentHashMap<>();

    /** A score by what names it (the object may be read again from the same file). */
    private record ScoreKey(String fileName, String scoreId, int variants) {
        static ScoreKey of(ScoringFile score) {
            return new ScoreKey(score.fileName(), score.scoreId(), score.variants().size());
        }
    }

    /** The reference VCF scored with some rows of a score (as bits: an eighth of a byte a row, not an object). */
    private record ScoredKey(Path vcf, ScoreKey score, BitSet rows) {
        static ScoredKey of(Path vcf, ScoringFile score, Set<Integer> rows) {
            BitSet bits = new BitSet();
            rows.forEach(bits::set);
            return new ScoredKey(vcf, ScoreKey.of(score), bits);
        }
    }

    /** The effect allele frequencies of some rows among the reference samples of one population. */
    private record FrequencyKey(ScoredKey scored, Populations populations, String population) {
    }

    /** A normaliser that scores the reference anew every time (one run of the command line). */
    public ReferenceNormaliser(ScoreOptions options) {
        this(options, 0);
    }

    /**
     * A normaliser that keeps up to {@code cacheSize} reference scorings (one per reference, score and set of rows
     * matched in the target; most people of one genotyping platform share one) and as many sets of reference
     * frequencies. When full, a cache is emptied before the next entry goes in, which bounds memory whatever the
     * requests.
     *
     * @param cacheSize entries kept of each kind; 0 keeps none
     */
    public ReferenceNormaliser(ScoreOptions options, int cacheSize) {
        this.options = requireNonNull(options, "options is null");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative but is " + cacheSize);
        }
        this.scorer = new VcfScorer(options);
        this.cacheSize = cacheSize;
    }

    /**
     * @param population a population or super-population code of {@code populations}, or {@link Populations#ALL}
     * @throws PermedException the scorer's errors, {@code PRS_REFERENCE_OVERLAP_TOO_LOW},
     *     {@code PRS_REFERENCE_POPULATION_TOO_SMALL}
     */
    public NormalisedResult normalise(ScoringFile score, Path target, Path reference, Populations populations, String population,
            RiskBands bands) {
        Reference named = files(reference, populations);
        checkNamed(named, population);
        return normalise(score, new VcfTarget(requireNonNull(target, "target is null")), named, bands, null, population);
    }

    /**
     * As {@link #normalise(ScoringFile, Path, Path, Populations, String, RiskBands)}, with the target's genotypes from a
     * {@link GenotypeLoader} (for example samples of the genome store) instead of a VCF: they are loaded once, at the
     * score's positions, and matched and scored as {@link VcfScorer#score(ScoringFile, GenotypeSource)} does.
     *
     * @throws PermedException as the other, and {@code PRS_TARGET_NO_SAMPLES} when the loader gives no samples
     */
    public NormalisedResult normalise(ScoringFile score, GenotypeLoader target, Path reference, Populations populations,
            String population, RiskBands bands) {
        return normalise(score, target, files(reference, populations), population, bands);
    }

    /**
     * As {@link #normalise(ScoringFile, GenotypeLoader, Path, Populations, String, RiskBands)}, with messages naming the
     * reference as {@code reference} says (a panel's name for the REST patient route).
     */
    public NormalisedResult normalise(ScoringFile score, GenotypeLoader target, Reference reference, String population,
            RiskBands bands) {
        requireNonNull(reference, "reference is null");
        checkNamed(reference, population);
        requireNonNull(score, "score is null");
        return normalise(score, new LoadedTarget(requireNonNull(target, "target is null"), Locus.of(score)), reference, bands, null,
                population);
    }

    /**
     * As {@link #normalise(ScoringFile, Path, Path, Populations, String, RiskBands)}, with each target sample compared with
     * the super-population {@code model} assigns it (its own projection onto the reference's principal components): in a
     * mixed cohort every sample is placed among the reference people closest to its ancestry.
     *
     * @throws PermedException as the other, and {@code PRS_ANCESTRY_TOO_FEW_VARIANTS} when a sample has too few of the
     *     model's variants called
     */
    public NormalisedResult normaliseByAncestry(ScoringFile score, Path target, Path reference, Populations populations,
            AncestryModel model, RiskBands bands) {
        requireNonNull(model, "model is null");
        return normalise(score, new VcfTarget(requireNonNull(target, "target is null")), files(reference, populations), bands, model,
                null);
    }

    /**
     * As {@link #normaliseByAncestry(ScoringFile, Path, Path, Populations, AncestryModel, RiskBands)}, with the target's
     * genotypes from a {@link GenotypeLoader}: loaded once, at the score's positions and the model's.
     *
     * @throws PermedException as the other, and {@code PRS_TARGET_NO_SAMPLES} when the loader gives no samples
     */
    public NormalisedResult normaliseByAncestry(ScoringFile score, GenotypeLoader target, Path reference, Populations populations,
            AncestryModel model, RiskBands bands) {
        return normaliseByAncestry(score, target, files(reference, populations), model, bands);
    }

    /**
     * As {@link #normaliseByAncestry(ScoringFile, GenotypeLoader, Path, Populations, AncestryModel, RiskBands)}, with
     * messages naming the reference as {@code reference} says (a panel's name for the REST patient route).
     */
    public NormalisedResult normaliseByAncestry(ScoringFile score, GenotypeLoader target, Reference reference, AncestryModel model,
            RiskBands bands) {
        requireNonNull(model, "model is null");
        requireNonNull(score, "score is null");
        requireNonNull(reference, "reference is null");
        Set<Locus> loci = new TreeSet<>(Locus.of(score));
        loci.addAll(model.loci());
        return normalise(score, new LoadedTarget(requireNonNull(target, "target is null"), loci), reference, bands, model, null);
    }

    private static Reference files(Path reference, Populations populations) {
        return Reference.ofFiles(requireNonNull(reference, "reference is null"), requireNonNull(populations, "populations is null"));
    }

    private static void checkNamed(Reference reference, String population) {
        requireNonNull(population, "population is null");
        Populations populations = reference.populations();
        if (!Populations.ALL.equals(population) && !populations.codes().contains(population)) {
            throw tooSmall(reference, population, reference.populationsOwner() + " has no population or super-population '"
                    + population + "'; it has " + String.join(", ", populations.codes()) + " (or use ALL)");
        }
    }

    /**
     * The normalisation itself, whatever the target's genotypes come from: a VCF read as a stream (so that the VCF mode
     * scores exactly as {@code permed prs} without a reference does) or a {@link GenotypeLoader}.
     */
    private NormalisedResult normalise(ScoringFile score, Target target, Reference reference, RiskBands bands, AncestryModel model,
            String named) {
        requireNonNull(score, "score is null");
        requireNonNull(bands, "bands is null");
        Populations populations = reference.populations();
        ScoreResult targetResult = target.score(scorer, score);
        Set<Integer> matched = rows(targetResult);
        Path vcf = reference.vcf().toAbsolutePath().normalize();
        ScoreResult referenceResult = cached(referenceScores, () -> ScoredKey.of(vcf, score, matched),
                () -> scorer.scoreRows(score, reference.vcf(), matched));
        Set<Integer> shared = rows(referenceResult);
        int total = score.variants().size();
        if (shared.size() < options.match().minimumOverlap() * total) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", score.fileName());
            reference.name().ifPresent(name -> details.put("reference", name));
            details.put("matched", matched.size());
            details.put("shared", shared.size());
            details.put("total", total);
            throw new PermedException(PrsErrorCode.REFERENCE_OVERLAP_TOO_LOW, String.format(java.util.Locale.ROOT,
                    "%s: of the %d variants of score %s matched in the target, only %d are in %s too (%.2f %% of the "
                    + "score's %d), and at least %.0f %% must. Use a reference on the target's genome build with these variants",
                    score.fileName(), matched.size(), score.scoreId(), shared.size(), reference.phrase(), 100.0 * shared.size() / total,
                    total, 100 * options.match().minimumOverlap()), details);
        }
        int targetSamples = targetResult.samples().size();
        // each target sample's population: the named one, or the super-population its projection is nearest to
        List<String> chosen = new ArrayList<>(targetSamples);
        List<Optional<AncestryModel.Assignment>> assignments = new ArrayList<>(targetSamples);
        if (model == null) {
            for (int sample = 0; sample < targetSamples; sample++) {
                chosen.add(named);
                assignments.add(Optional.empty());
            }
        } else {
            GenotypeSource projected = target.genotypes(model.loci());
            for (int sample = 0; sample < targetSamples; sample++) {
                AncestryModel.Assignment assignment = model.assign(projected, sample);
                chosen.add(assignment.superPopulation());
                assignments.add(Optional.of(assignment));
            }
        }
        int unlabelled = 0;
        for (SampleScore sample : referenceResult.samples()) {
            if (populations.of(sample.sample()).isEmpty()) {
                unlabelled++;
            }
        }
        Map<String, ReferenceDistribution> distributions = new TreeMap<>();
        for (String population : new TreeSet<>(chosen)) {
            distributions.put(population, distribution(referenceResult, reference, population));
        }
        // one person alone has no cohort to impute a missing call from: the reference population's frequencies stand in
        Optional<String> imputedFrom = Optional.empty();
        List<SampleScore> targetScores;
        if (targetSamples == 1 && options.missingGenotypes() == MissingGenotypes.MEAN_IMPUTATION) {
            String population = chosen.get(0);
            Map<Integer, Double> frequencies = cached(referenceFrequencies, () -> new FrequencyKey(ScoredKey.of(vcf, score, shared), populations,
                    population), () -> frequencies(score, reference, population, shared));
            targetScores = target.scoreRows(scorer.withImputationFrequencies(frequencies), score, shared).samples();
            imputedFrom = Optional.of(population);
        } else {
            targetScores = shared.equals(matched) ? targetResult.samples() : target.scoreRows(scorer, score, shared).samples();
        }
        List<NormalisedScore> samples = new ArrayList<>(targetScores.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (int index = 0; index < targetScores.size(); index++) {
            SampleScore sample = targetScores.get(index);
            String population = chosen.get(index);
            ReferenceDistribution distribution = distributions.get(population);
            double percentile = distribution.percentile(sample.sum());
            samples.add(new NormalisedScore(sample, population, percentile, distribution.z(sample.sum()), bands.band(percentile),
                    assignments.get(index)));
            counts.merge(population, 1, Integer::sum);
        }
        String most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(named == null ? distributions.keySet().iterator().next() : named);
        ReferenceDistribution main = distributions.get(most);
        // the populations chosen by ancestry are the targets' (a patient's, on the REST route): the log gives their number only
        LOG.info("score {}: reference population {}, {} variants shared of {} matched", score.scoreId(),
                model == null ? named : "chosen by ancestry (" + distributions.size() + ")", shared.size(), matched.size());
        return new NormalisedResult(targetResult, referenceResult, shared.size(), main, unlabelled, samples, distributions, model != null,
                imputedFrom);
    }

    /** The effect allele frequencies of the rows among the reference samples of the population. */
    private Map<Integer, Double> frequencies(ScoringFile score, Reference reference, String population, Set<Integer> rows) {
        Set<Locus> loci = new TreeSet<>();
        for (ScoreVariant variant : score.variants()) {
            if (rows.contains(variant.row()) && variant.hasLocus()) {
                loci.add(new Locus(variant.chromosome(), variant.position()));
            }
        }
        Populations populations = reference.populations();
        VcfGenotypes members = VcfGenotypes.read(reference.vcf(), loci,
                sample -> populations.of(sample).filter(label -> label.belongsTo(population)).isPresent());
        return scorer.effectAlleleFrequencies(score, members, rows);
    }

    /**
     * The value kept for the key, else computed (and kept, if this normaliser keeps any): a failure is not kept. The key
     * is made only when there is a cache.
     */
    private <K, V> V cached(Map<K, V> cache, Supplier<K> makeKey, Supplier<V> compute) {
        if (cacheSize == 0) {
            return compute.get();
        }
        K key = makeKey.get();
        V kept = cache.get(key);
        if (kept != null) {
            return kept;
        }
        if (cache.size() >= cacheSize) {
            cache.clear();   // targets with other matched rows each need their own entry; keep memory bounded
        }
        return cache.computeIfAbsent(key, ignored -> compute.get());
    }

    private static ReferenceDistribution distribution(ScoreResult referenceResult, Reference reference, String population) {
        Populations populations = reference.populations();
        List<Double> sums = new ArrayList<>();
        for (SampleScore sample : referenceResult.samples()) {
            Optional<PopulationLabel> label = populations.of(sample.sample());
            if (label.isPresent() && label.get().belongsTo(population)) {
                sums.add(sample.sum());
            }
        }
        if (sums.size() < 2) {
            throw tooSmall(reference, population, reference.phrase() + " has " + sums.size() + " sample" + (sums.size() == 1 ? "" : "s")
                    + " of population " + population + (reference.name().isPresent() ? "" : " (by " + populations.fileName() + ")")
                    + "; at least 2 are needed");
        }
        return ReferenceDistribution.of(population, sums);
    }

    private static Set<Integer> rows(ScoreResult result) {
        Set<Integer> rows = new TreeSet<>();
        for (VariantMatch match : result.match().matches()) {
            if (match.isMatched()) {
                rows.add(match.variant().row());
            }
        }
        return rows;
    }

    private static PermedException tooSmall(Reference reference, String population, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (reference.name().isPresent()) {
            details.put("reference", reference.name().get());
        } else {
            details.put("file", reference.populations().fileName());
        }
        details.put("population", population);
        return new PermedException(PrsErrorCode.REFERENCE_POPULATION_TOO_SMALL, message, details);
    }

    /** The target's genotypes as the normalisation needs them: scored with all rows, scored with some, and projected. */
    private interface Target {
        ScoreResult score(VcfScorer scorer, ScoringFile score);

        ScoreResult scoreRows(VcfScorer scorer, ScoringFile score, Set<Integer> rows);

        /** The calls of every target sample (in scoring order) at these positions, for the ancestry projection. */
        GenotypeSource genotypes(Set<Locus> loci);
    }

    /** A VCF, streamed for each scoring (as {@link VcfScorer#score(ScoringFile, Path)}) and read at the model's positions. */
    private record VcfTarget(Path vcf) implements Target {
        @Override
        public ScoreResult score(VcfScorer scorer, ScoringFile score) {
            return scorer.score(score, vcf);
        }

        @Override
        public ScoreResult scoreRows(VcfScorer scorer, ScoringFile score, Set<Integer> rows) {
            return scorer.scoreRows(score, vcf, rows);
        }

        @Override
        public GenotypeSource genotypes(Set<Locus> loci) {
            return VcfGenotypes.read(vcf, loci, sample -> true);
        }
    }

    /** Genotypes loaded once, on first use, at the positions given (the score's, and the ancestry model's if any). */
    private static final class LoadedTarget implements Target {
        private final GenotypeLoader loader;
        private final Set<Locus> loci;
        private GenotypeSource loaded;

        LoadedTarget(GenotypeLoader loader, Set<Locus> loci) {
            this.loader = loader;
            this.loci = loci;
        }

        private GenotypeSource source() {
            if (loaded == null) {
                loaded = requireNonNull(loader.load(loci), "the loader gave no genotypes");
            }
            return loaded;
        }

        @Override
        public ScoreResult score(VcfScorer scorer, ScoringFile score) {
            return scorer.score(score, source());
        }

        @Override
        public ScoreResult scoreRows(VcfScorer scorer, ScoringFile score, Set<Integer> rows) {
            return scorer.scoreRows(score, source(), rows);
        }

        @Override
        public GenotypeSource genotypes(Set<Locus> wanted) {
            return source();
        }
    }
}
