package no.permed.prs.person;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
import no.permed.prs.normalise.PopulationLabel;
import no.permed.prs.normalise.Populations;
import no.permed.prs.normalise.ReferenceDistribution;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.score.ScoreVariant;
import no.permed.prs.score.ScoringFile;

/**
 * One person's score against a {@link ReferencePanel}, as {@code permed prs --reference} does it for a VCF (see
 * {@link no.permed.prs.normalise.ReferenceNormaliser}), for a person whose genotypes come from a {@link GenotypeLoader}
 * (the genome store):
 * <ol>
 *   <li>the person's genotypes are loaded at the score's positions (and the ancestry model's, when the population is
 *       not named), matched and scored; the minimum overlap applies to the person;</li>
 *   <li>the reference is scored with the rows matched in the person (cached per score and rows: the reference does
 *       not change while the process runs); when it lacks some, the person is scored again over the shared rows, which
 *       must still reach the minimum overlap;</li>
 *   <li>the population is the one named, else the super-population the ancestry model assigns
 *       ({@link PopulationChoice#ANCESTRY}); percentile, z and band are those of {@link ReferenceDistribution}.</li>
 * </ol>
 * One sample has no cohort to impute from: under {@link MissingGenotypes#MEAN_IMPUTATION} a missing call is imputed from
 * the effect allele frequency among the reference samples of the chosen population (as pgsc_calc imputes from its
 * reference panel; {@link PersonalScore#imputedFrom()} names it), and contributes nothing under {@link MissingGenotypes#ZERO}.
 */
public final class PersonalScorer {
    private final ScoreOptions options;
    private final VcfScorer scorer;
    /** Reference scorings kept: one per score and set of matched rows (most people of one platform share one). */
    private static final int MAX_CACHED_REFERENCES = 32;
    private final Map<ReferenceKey, ScoreResult> referenceScores = new ConcurrentHashMap<>();
    /** The reference populations' effect allele frequencies, by reference scoring and population. */
    private final Map<FrequencyKey, Map<Integer, Double>> referenceFrequencies = new ConcurrentHashMap<>();

    private record FrequencyKey(ReferenceKey reference, String population) {
    }

    private record ReferenceKey(String panel, String fileName, String scoreId, int variants, Set<Integer> rows) {
    }

    public PersonalScorer(ScoreOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.scorer = new VcfScorer(options);
    }

    /**
     * @param person the person's genotypes; the first sample is scored
     * @param population a population or super-population code of the panel, or empty to choose by ancestry
     * @throws PermedException {@code PRS_MATCH_RATE_TOO_LOW}, {@code PRS_REFERENCE_OVERLAP_TOO_LOW},
     *     {@code PRS_REFERENCE_POPULATION_TOO_SMALL}, {@code PRS_ANCESTRY_TOO_FEW_VARIANTS}, {@code PRS_ANCESTRY_MODEL_INVALID}
     *     (no model and no population)
     */
    public PersonalScore score(ScoringFile score, GenotypeLoader person, ReferencePanel panel, Optional<String> population,
            RiskBands bands) {
        requireNonNull(score, "score is null");
        requireNonNull(person, "person is null");
        requireNonNull(panel, "panel is null");
        requireNonNull(population, "population is null");
        requireNonNull(bands, "bands is null");
        Populations populations = panel.populations();
        if (population.isPresent() && !Populations.ALL.equals(population.get()) && !populations.codes().contains(population.get())) {
            throw tooSmall(populations, population.get(), "the reference " + panel.name() + " has no population or super-population '"
                    + population.get() + "'; it has " + String.join(", ", populations.codes()) + " (or ALL)");
        }
        if (population.isEmpty() && panel.ancestry().isEmpty()) {
            throw new PermedException(PrsErrorCode.ANCESTRY_MODEL_INVALID, "the reference " + panel.name()
                    + " has no ancestry model: name the population", Map.of("field", "population"));
        }
        Set<Locus> loci = new TreeSet<>(Locus.of(score));
        panel.ancestry().filter(model -> population.isEmpty()).ifPresent(model -> loci.addAll(model.loci()));
        GenotypeSource genotypes = person.load(loci);
        if (genotypes.samples().isEmpty()) {
            throw new PermedException(PrsErrorCode.NO_GENOTYPES, "there are no genotypes to score", Map.of());
        }
        GenotypeSource one = genotypes.samples().size() == 1 ? genotypes : new FirstSample(genotypes);
        ScoreResult personResult = scorer.score(score, one);
        Set<Integer> matched = rows(personResult);
        if (referenceScores.size() >= MAX_CACHED_REFERENCES) {
            referenceScores.clear();   // people with other matched rows each need their own; keep memory bounded
        }
        ScoreResult referenceResult = referenceScores.computeIfAbsent(
                new ReferenceKey(panel.name(), score.fileName(), score.scoreId(), score.variants().size(), Set.copyOf(matched)),
                key -> scorer.scoreRows(score, panel.vcf(), matched));
        Set<Integer> shared = rows(referenceResult);
        int total = score.variants().size();
        if (shared.size() < options.match().minimumOverlap() * total) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("matched", matched.size());
            details.put("shared", shared.size());
            details.put("total", total);
            throw new PermedException(PrsErrorCode.REFERENCE_OVERLAP_TOO_LOW, String.format(java.util.Locale.ROOT,
                    "of the %d variants of score %s matched in the person, only %d are in the reference %s too (%.2f %% of %d), "
                    + "and at least %.0f %% must", matched.size(), score.scoreId(), shared.size(), panel.name(),
                    100.0 * shared.size() / total, total, 100 * options.match().minimumOverlap()), details);
        }
        String chosen;
        PopulationChoice choice;
        Optional<AncestryModel.Assignment> assignment;
        if (population.isPresent()) {
            chosen = population.get();
            choice = PopulationChoice.GIVEN;
            assignment = Optional.empty();
        } else {
            AncestryModel.Assignment assigned = panel.ancestry().orElseThrow().assign(one, 0);
            chosen = assigned.superPopulation();
            choice = PopulationChoice.ANCESTRY;
            assignment = Optional.of(assigned);
        }
        List<Double> sums = new ArrayList<>();
        for (SampleScore sample : referenceResult.samples()) {
            Optional<PopulationLabel> label = populations.of(sample.sample());
            if (label.isPresent() && (Populations.ALL.equals(chosen) || label.get().belongsTo(chosen))) {
                sums.add(sample.sum());
            }
        }
        if (sums.size() < 2) {
            throw tooSmall(populations, chosen, "the reference " + panel.name() + " has " + sums.size() + " sample(s) of population "
                    + chosen + "; at least 2 are needed");
        }
        ReferenceDistribution distribution = ReferenceDistribution.of(chosen, sums);
        Optional<String> imputedFrom = Optional.empty();
        SampleScore personScore;
        if (options.missingGenotypes() == MissingGenotypes.MEAN_IMPUTATION) {
            if (referenceFrequencies.size() >= MAX_CACHED_REFERENCES) {
                referenceFrequencies.clear();
            }
            String compared = chosen;
            Map<Integer, Double> frequencies = referenceFrequencies.computeIfAbsent(new FrequencyKey(new ReferenceKey(panel.name(),
                    score.fileName(), score.scoreId(), score.variants().size(), Set.copyOf(shared)), compared),
                    key -> frequencies(score, panel, compared, shared));
            personScore = scorer.withImputationFrequencies(frequencies).scoreRows(score, one, shared).samples().get(0);
            imputedFrom = Optional.of(compared);
        } else {
            personScore = shared.equals(matched) ? personResult.samples().get(0) : scorer.scoreRows(score, one, shared).samples().get(0);
        }
        double percentile = distribution.percentile(personScore.sum());
        return new PersonalScore(score.scoreId(), score.fileName(), score.header(), personResult.match().report(), personScore,
                shared.size(), panel.name(), chosen, choice, assignment, distribution, percentile, distribution.z(personScore.sum()),
                bands.band(percentile), imputedFrom);
    }

    /** The effect allele frequencies of the rows among the panel's samples of the population. */
    private Map<Integer, Double> frequencies(ScoringFile score, ReferencePanel panel, String population, Set<Integer> rows) {
        Set<Locus> loci = new TreeSet<>();
        for (ScoreVariant variant : score.variants()) {
            if (rows.contains(variant.row()) && variant.hasLocus()) {
                loci.add(new Locus(variant.chromosome(), variant.position()));
            }
        }
        Populations populations = panel.populations();
        VcfGenotypes members = VcfGenotypes.read(panel.vcf(), loci,
                sample -> populations.of(sample).filter(label -> label.belongsTo(population)).isPresent());
        return scorer.effectAlleleFrequencies(score, members, rows);
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

    private static PermedException tooSmall(Populations populations, String population, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("population", population);
        return new PermedException(PrsErrorCode.REFERENCE_POPULATION_TOO_SMALL, message, details);
    }

    /** The first sample of a source. */
    private record FirstSample(GenotypeSource source) implements GenotypeSource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public List<String> samples() {
            return List.of(source.samples().get(0));
        }

        @Override
        public List<no.permed.prs.match.TargetSite> sites(String chromosome, int position) {
            return source.sites(chromosome, position);
        }

        @Override
        public byte[] calls(no.permed.prs.match.TargetSite site) {
            return java.util.Arrays.copyOf(source.calls(site), 2);
        }
    }
}
