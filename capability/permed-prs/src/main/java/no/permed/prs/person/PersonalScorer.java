package no.permed.prs.person;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.prs.PrsErrorCode;
import no.permed.prs.calc.GenotypeLoader;
import no.permed.prs.calc.GenotypeSource;
import no.permed.prs.calc.MissingGenotypes;
import no.permed.prs.calc.ScoreOptions;
import no.permed.prs.match.TargetSite;
import no.permed.prs.normalise.NormalisedResult;
import no.permed.prs.normalise.NormalisedScore;
import no.permed.prs.normalise.ReferenceNormaliser;
import no.permed.prs.normalise.RiskBands;
import no.permed.prs.score.ScoringFile;

/**
 * One person's score against a {@link ReferencePanel} (the REST patient route): the person's genotypes come from a
 * {@link GenotypeLoader} (the genome store) and are normalised by {@link ReferenceNormaliser}, the same code as
 * {@code permed prs --reference}, so that the route and the command line give the same numbers for the same person
 * and panel:
 * <ol>
 *   <li>the person's genotypes are loaded at the score's positions (and the ancestry model's, when the population is
 *       not named), matched and scored; the minimum overlap applies to the person;</li>
 *   <li>the reference is scored with the rows matched in the person; when it lacks some, the person is scored again over
 *       the shared rows, which must still reach the minimum overlap;</li>
 *   <li>the population is the one named, else the super-population the panel's ancestry model assigns
 *       ({@link PopulationChoice#ANCESTRY}); percentile, z and band are those of
 *       {@link no.permed.prs.normalise.ReferenceDistribution}.</li>
 * </ol>
 * One sample has no cohort to impute from: under {@link MissingGenotypes#MEAN_IMPUTATION} a missing call is imputed from
 * the effect allele frequency among the reference samples of the chosen population (as pgsc_calc imputes from its
 * reference panel; {@link PersonalScore#imputedFrom()} names it), and contributes nothing under {@link MissingGenotypes#ZERO}.
 * <p>
 * What is added here: the first sample only, {@code PRS_NO_GENOTYPES} when there is none, a panel without an ancestry
 * model asked to choose, messages that name the panel ({@link ReferencePanel#name()}) rather than its files, and one
 * normaliser for the life of the scorer whose cache keeps the reference's scores and frequencies per score and rows
 * (the panel does not change while the process runs), so that a request does not rescore the whole panel.
 */
public final class PersonalScorer {
    /** Reference scorings kept: one per panel, score and set of matched rows (most people of one platform share one). */
    static final int MAX_CACHED_REFERENCES = 32;

    private final ReferenceNormaliser normaliser;

    public PersonalScorer(ScoreOptions options) {
        this(options, MAX_CACHED_REFERENCES);
    }

    /**
     * @param cacheSize reference scorings (and sets of frequencies) kept, see
     *     {@link ReferenceNormaliser#ReferenceNormaliser(ScoreOptions, int)}
     */
    PersonalScorer(ScoreOptions options, int cacheSize) {
        this.normaliser = new ReferenceNormaliser(requireNonNull(options, "options is null"), cacheSize);
    }

    /**
     * @param person the person's genotypes; the first sample is scored
     * @param population a population or super-population code of the panel, or empty to choose by ancestry
     * @throws PermedException {@code PRS_NO_GENOTYPES}, {@code PRS_MATCH_RATE_TOO_LOW}, {@code PRS_REFERENCE_OVERLAP_TOO_LOW},
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
        if (population.isEmpty() && panel.ancestry().isEmpty()) {
            throw new PermedException(PrsErrorCode.ANCESTRY_MODEL_INVALID, "the reference " + panel.name()
                    + " has no ancestry model: name the population", Map.of("field", "population"));
        }
        GenotypeLoader first = loci -> {
            GenotypeSource genotypes = person.load(loci);
            if (genotypes.samples().isEmpty()) {
                throw new PermedException(PrsErrorCode.NO_GENOTYPES, "there are no genotypes to score", Map.of());
            }
            return genotypes.samples().size() == 1 ? genotypes : new FirstSample(genotypes);
        };
        NormalisedResult result = population.isPresent()
                ? normaliser.normalise(score, first, panel.reference(), population.get(), bands)
                : normaliser.normaliseByAncestry(score, first, panel.reference(), panel.ancestry().orElseThrow(), bands);
        NormalisedScore normalised = result.samples().get(0);
        return new PersonalScore(score.scoreId(), score.fileName(), score.header(), result.target().match().report(),
                normalised.score(), result.sharedVariants(), panel.name(), normalised.population(),
                population.isPresent() ? PopulationChoice.GIVEN : PopulationChoice.ANCESTRY, normalised.ancestry(),
                result.distributions().get(normalised.population()), normalised.percentile(), normalised.z(), normalised.band(),
                result.imputedFrom());
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
        public List<TargetSite> sites(String chromosome, int position) {
            return source.sites(chromosome, position);
        }

        @Override
        public byte[] calls(TargetSite site) {
            return java.util.Arrays.copyOf(source.calls(site), 2);
        }
    }
}
