package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.knowledge.AlleleFunction;
import no.permed.pgx.knowledge.LookupKey;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.pgx.knowledge.PhenotypeRule;
import no.permed.pgx.knowledge.Recommendation;

/**
 * Turns the caller's diplotypes and a sample's outside calls into phenotypes and the CPIC and DPWG recommendations
 * that apply.
 *
 * <ul>
 *   <li>Haplotype function and activity value: the CPIC table, else the DPWG table (CYP2D6 has only DPWG's).
 *       A CYP2D6 copy or tandem missing from the tables ({@code *36x2+*10}) gets the sum of its parts' activity values.</li>
 *   <li>Phenotype and activity score: the CPIC diplotype table, else DPWG's; for activity-score genes a diplotype
 *       missing from the table gets the sum of the activity values and that score's phenotype. Recommendations of
 *       each source are matched on that source's phenotype (falling back to the other source's).</li>
 *   <li>HLA-A/HLA-B: the phenotype is the status of every allele the guidelines name ({@code *57:01 positive}).</li>
 *   <li>An outside call replaces the VCF call of its gene (with a warning, as PharmCAT does). A phenotype or activity
 *       score given in it replaces the one derived from its diplotype; a mismatch is warned about.</li>
 *   <li>A recommendation applies when every lookup key matches: phenotype (ignoring case), activity score (as numbers;
 *       DPWG DPYD's {@code 2.0 (Normal Metabolizer)} by its number), allele status, exact diplotype, or
 *       {@code No Result} for a gene without a result. With tied diplotypes each candidate is tried; a recommendation
 *       that only some candidates lead to is marked {@link DrugRecommendation#tiedCall()}.</li>
 * </ul>
 *
 * <p>Thread-safe, and immutable but for memos: the interpretation of each distinct call from the VCF, and each
 * recommendation's outcome for the interpretations of its genes, are made once and shared by every sample that has
 * them (bounded in number; what the memos hold never changes a result, only how often it is computed).
 */
public final class PgxInterpreter {
    private static final String NO_RESULT = "No Result";

    private final PgxKnowledge knowledge;
    private final KnownAlleles alleles;
    /** Lower-case phenotype lookup values per gene (for warnings about outside phenotypes nobody keys on). */
    private final Map<String, Set<String>> phenotypeKeys;

    private PgxInterpreter(PgxKnowledge knowledge) {
        this.knowledge = knowledge;
        this.alleles = new KnownAlleles(knowledge);
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Recommendation r : knowledge.recommendations()) {
            for (LookupKey key : r.lookupKeys().values()) {
                if (key.kind() == LookupKey.Kind.PHENOTYPE) {
                    keys.computeIfAbsent(key.gene(), g -> new LinkedHashSet<>()).add(key.value().toLowerCase(Locale.ROOT));
                }
            }
        }
        keys.replaceAll((g, s) -> Set.copyOf(s));
        this.phenotypeKeys = Map.copyOf(keys);

        // Index of the recommendations by one "anchor" key each (a phenotype key where there is one), so that a sample
        // tests only the recommendations whose anchor its genes can meet, not all few thousand.
        this.recommendations = List.copyOf(knowledge.recommendations());
        Map<String, Map<String, List<Integer>>> phenotypes = new HashMap<>();
        Map<String, List<Integer>> others = new HashMap<>();
        List<Integer> noResultOnly = new ArrayList<>();
        for (int i = 0; i < recommendations.size(); i++) {
            LookupKey anchor = null;
            for (LookupKey key : recommendations.get(i).lookupKeys().values()) {
                if (key.kind() == LookupKey.Kind.PHENOTYPE) {
                    anchor = key;
                    break;
                }
                if (key.kind() != LookupKey.Kind.NO_RESULT && anchor == null) {
                    anchor = key;
                }
            }
            if (anchor == null) {
                noResultOnly.add(i);
            } else if (anchor.kind() == LookupKey.Kind.PHENOTYPE) {
                phenotypes.computeIfAbsent(anchor.gene(), g -> new HashMap<>())
                        .computeIfAbsent(anchor.value().toLowerCase(Locale.ROOT), v -> new ArrayList<>()).add(i);
            } else {
                others.computeIfAbsent(anchor.gene(), g -> new ArrayList<>()).add(i);
            }
        }
        this.byPhenotype = phenotypes;
        this.byOtherAnchor = others;
        this.noResultOnly = List.copyOf(noResultOnly);

        this.recommendationGenes = new String[recommendations.size()][];
        this.drugRanks = new int[recommendations.size()][];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation r = recommendations.get(i);
            recommendationGenes[i] = r.lookupKeys().values().stream().map(LookupKey::gene).toArray(String[]::new);
            drugRanks[i] = new int[r.drugs().size()];
            for (int d = 0; d < r.drugs().size(); d++) {
                pairs.add(new int[] {i, d});
            }
        }
        pairs.sort(Comparator.comparing((int[] p) -> recommendations.get(p[0]).drugs().get(p[1]).toLowerCase(Locale.ROOT))
                .thenComparing(p -> recommendations.get(p[0]).source())
                .thenComparingInt(p -> p[0])
                .thenComparingInt(p -> p[1]));
        for (int rank = 0; rank < pairs.size(); rank++) {
            int[] p = pairs.get(rank);
            drugRanks[p[0]][p[1]] = rank;
        }
    }

    /**
     * Memo sizes. A cohort repeats the same gene calls and the same matched recommendations over and over; the
     * interpretation of each is immutable, so it is made once and shared (which also lets the writers reuse what they
     * rendered for it). Beyond these sizes further ones are made each time.
     */
    private static final int MAX_MEMOISED = 10_000;
    /** Interpretations of calls from the VCF, by call. */
    private final Map<GeneCall, Interpreted> interpretedCalls = new java.util.concurrent.ConcurrentHashMap<>();
    /** The drug recommendations made of a recommendation for the genotypes it matched. */
    private final Map<Match, List<DrugRecommendation>> matchedRecommendations = new java.util.concurrent.ConcurrentHashMap<>();

    /** A recommendation (by position) as matched: the sample's diplotypes it used, and whether a tie decided it. */
    private record Match(int index, Map<String, String> diplotypes, boolean tied) {
    }

    /** Outcomes memoised at most (see {@link #outcome}); a few entries per recommendation and distinct call in a cohort. */
    private static final int MAX_OUTCOMES = 100_000;
    private final Map<Outcome, List<DrugRecommendation>> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per recommendation (by position), the genes of its lookup keys, in key order. */
    private final String[][] recommendationGenes;
    /**
     * Per recommendation (by position), for each of its drugs, its place in the report order: by drug ignoring case,
     * then by source, then by position and drug order in the knowledge.
     */
    private final int[][] drugRanks;

    private final List<Recommendation> recommendations;
    /** gene → lower-case phenotype → positions in {@link #recommendations} anchored on that phenotype. */
    private final Map<String, Map<String, List<Integer>>> byPhenotype;
    /** gene → positions anchored on an activity score, allele status or diplotype of the gene. */
    private final Map<String, List<Integer>> byOtherAnchor;
    /** Positions whose every key is "No Result". */
    private final List<Integer> noResultOnly;

    /** The positions of the recommendations a sample may meet, in knowledge order. */
    private java.util.BitSet possible(Map<String, Interpreted> genes) {
        java.util.BitSet possible = new java.util.BitSet(recommendations.size());
        noResultOnly.forEach(possible::set);
        for (Interpreted gene : genes.values()) {
            possible.or(gene.possible());
        }
        return possible;
    }

    /** The positions of the recommendations anchored on what a gene's candidates may meet (read-only once made). */
    private java.util.BitSet possibleFor(String gene, List<Candidate> candidates) {
        java.util.BitSet possible = new java.util.BitSet(recommendations.size());
        if (candidates.isEmpty()) {
            return possible;
        }
        byOtherAnchor.getOrDefault(gene, List.of()).forEach(possible::set);
        Map<String, List<Integer>> phenotypeIndex = byPhenotype.get(gene);
        if (phenotypeIndex == null) {
            return possible;
        }
        for (Candidate c : candidates) {
            for (Optional<String> phenotype : c.phenotype().values()) {
                phenotype.ifPresent(p -> phenotypeIndex.getOrDefault(p.toLowerCase(Locale.ROOT), List.of()).forEach(possible::set));
            }
        }
        return possible;
    }

    public static PgxInterpreter create(PgxKnowledge knowledge) {
        return new PgxInterpreter(requireNonNull(knowledge, "knowledge is null"));
    }

    /** One candidate diplotype of a gene, with what each source says of it. */
    private record Candidate(
            String label,
            List<String> alleles,
            Map<PgxSource, Optional<String>> phenotype,
            Map<PgxSource, Optional<String>> activityScore,
            Map<String, Boolean> givenStatuses) {
    }

    /**
     * A gene's result and the candidates its recommendations are looked up with; {@code possible}, the recommendations
     * they may meet (see {@link #possibleFor}); {@code shared} when it is the memoised interpretation of a call from the
     * VCF, which every sample with that call shares (so what is derived from it can be memoised by identity).
     */
    private record Interpreted(GeneResult result, List<Candidate> candidates, java.util.BitSet possible, boolean shared) {
    }

    /** Interprets one sample. */
    public PgxReport interpret(CallResult calls, OutsideCalls outside) {
        requireNonNull(calls, "calls is null");
        requireNonNull(outside, "outside is null");
        List<String> reportWarnings = new ArrayList<>(outside.warnings());
        Map<String, Interpreted> genes = new LinkedHashMap<>();
        for (GeneCall call : calls.genes().values()) {
            Optional<OutsideCall> replacement = outside.call(call.gene());
            if (replacement.isPresent()) {
                List<String> extra = new ArrayList<>();
                if (!call.isNoCall()) {
                    String warning = call.gene() + ": the outside call (line " + replacement.get().line() + ") replaces the call from the VCF ("
                            + String.join(" or ", call.diplotypes()) + ")";
                    extra.add(warning);
                    reportWarnings.add(warning);
                }
                genes.put(call.gene(), fromOutside(replacement.get(), extra));
            } else {
                Interpreted known = interpretedCalls.get(call);
                if (known == null) {
                    known = fromVcf(call);
                    if (interpretedCalls.size() < MAX_MEMOISED) {
                        interpretedCalls.put(call, known);
                    }
                }
                genes.put(call.gene(), known);
            }
        }
        for (OutsideCall call : outside.calls()) {
            if (!genes.containsKey(call.gene())) {
                genes.put(call.gene(), fromOutside(call, List.of()));
            }
        }
        List<DrugRecommendation> recommendations = recommendations(genes);
        return new PgxReport(calls.sample(), knowledge.dataVersion().summary(),
                genes.values().stream().map(Interpreted::result).toList(), recommendations, reportWarnings);
    }

    // ------------------------------------------------------------------------------------------------
    // Genes

    /**
     * A call from the VCF. Phenotypes and recommendations come from the caller's lookup diplotypes; they differ from
     * the source diplotypes only for DPYD, where the source is the alleles found on each chromosome (phased) or the
     * list of alleles found (unphased, shown joined with " + ") and the lookup is the lowest-function pair.
     */
    private Interpreted fromVcf(GeneCall call) {
        List<Diplotype> lookup = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (String label : call.lookupDiplotypes()) {
            Candidate c = candidate(call.gene(), label, split(label));
            candidates.add(c);
            lookup.add(diplotype(call.gene(), c));
        }
        List<Diplotype> source;
        if (call.isHaplotypeList()) {
            source = lookup.isEmpty() ? List.of() : List.of(relabelled(String.join(" + ", call.haplotypes()), lookup.get(0)));
        } else if (call.diplotypes().equals(call.lookupDiplotypes()) || call.diplotypes().size() != lookup.size()) {
            source = call.diplotypes().equals(call.lookupDiplotypes()) ? lookup
                    : call.diplotypes().stream().map(label -> diplotype(call.gene(), candidate(call.gene(), label, split(label)))).toList();
        } else {
            source = new ArrayList<>();
            for (int i = 0; i < lookup.size(); i++) {
                source.add(relabelled(call.diplotypes().get(i), lookup.get(i)));
            }
        }
        GeneResult result = new GeneResult(call.gene(), source, lookup, false, call.matchScore(), call.missingPositions(),
                call.warnings(), call.phased());
        return new Interpreted(result, candidates, possibleFor(call.gene(), candidates), true);
    }

    /** The phenotype of the lookup diplotype under the label the caller reports. */
    private static Diplotype relabelled(String label, Diplotype lookup) {
        return new Diplotype(label, lookup.first(), lookup.second(), lookup.phenotype(), lookup.activityScore());
    }

    private Interpreted fromOutside(OutsideCall call, List<String> extraWarnings) {
        String gene = call.gene();
        List<String> warnings = new ArrayList<>(extraWarnings);
        List<Candidate> candidates = new ArrayList<>();
        Optional<String> givenScore = call.activityScore();
        Optional<String> givenPhenotype = call.phenotype();
        if (givenPhenotype.isEmpty() && givenScore.isPresent()) {
            givenPhenotype = scorePhenotype(gene, givenScore.get());
        }
        for (String label : call.diplotypes()) {
            Candidate derived = candidate(gene, label, split(label));
            Map<PgxSource, Optional<String>> phenotype = new EnumMap<>(derived.phenotype());
            Map<PgxSource, Optional<String>> score = new EnumMap<>(derived.activityScore());
            if (call.phenotype().isPresent()) {
                String given = call.phenotype().get();
                Optional<String> expected = derived.phenotype().get(PgxSource.CPIC);
                if (expected.isPresent() && !expected.get().equalsIgnoreCase(given)) {
                    warnings.add(gene + ": the outside phenotype '" + given + "' differs from the phenotype of " + label + " ("
                            + expected.get() + "); the outside phenotype is used");
                }
            }
            if (givenScore.isPresent()) {
                Optional<String> expected = derived.activityScore().get(PgxSource.CPIC);
                if (expected.isPresent() && !sameScore(expected.get(), givenScore.get())) {
                    warnings.add(gene + ": the outside activity score " + givenScore.get() + " differs from the score of " + label + " ("
                            + expected.get() + "); the outside score is used");
                }
            }
            for (PgxSource source : PgxSource.values()) {
                if (givenPhenotype.isPresent()) {
                    phenotype.put(source, givenPhenotype);
                }
                if (givenScore.isPresent()) {
                    score.put(source, givenScore);
                }
            }
            candidates.add(new Candidate(label, derived.alleles(), phenotype, score, Map.of()));
        }
        if (candidates.isEmpty()) {
            Map<PgxSource, Optional<String>> phenotype = new EnumMap<>(PgxSource.class);
            Map<PgxSource, Optional<String>> score = new EnumMap<>(PgxSource.class);
            for (PgxSource source : PgxSource.values()) {
                phenotype.put(source, givenPhenotype);
                score.put(source, givenScore);
            }
            Map<String, Boolean> statuses = new TreeMap<>();
            givenPhenotype.ifPresent(p -> {
                Matcher m = KnownAlleles.ALLELE_STATUS.matcher(p);
                while (m.find()) {
                    statuses.put(m.group(1), m.group(2).equals("positive"));
                }
            });
            String label = givenPhenotype.orElse(givenScore.orElse(""));
            candidates.add(new Candidate(label, List.of(), phenotype, score, statuses));
            if (knowledge.gene(gene).activityScore() && givenScore.isEmpty()) {
                warnings.add(gene + ": recommendations for " + gene + " are looked up by activity score; the outside call gives none");
            }
        }
        call.phenotype().ifPresent(p -> {
            boolean status = KnownAlleles.ALLELE_STATUS.matcher(p).find();
            if (!status && !phenotypeKeys.getOrDefault(gene, Set.of()).contains(p.toLowerCase(Locale.ROOT))) {
                warnings.add(gene + ": no CPIC or DPWG recommendation is looked up by the phenotype '" + p + "'");
            }
        });
        List<Diplotype> diplotypes = candidates.stream().map(c -> diplotype(gene, c)).toList();
        GeneResult result = new GeneResult(gene, diplotypes, diplotypes, true, 0, List.of(), warnings, false);
        return new Interpreted(result, candidates, possibleFor(gene, candidates), false);
    }

    private static List<String> split(String label) {
        int slash = label.indexOf('/');
        return slash < 0 ? List.of(label) : List.of(label.substring(0, slash), label.substring(slash + 1));
    }

    private Candidate candidate(String gene, String label, List<String> names) {
        Map<PgxSource, Optional<String>> phenotype = new EnumMap<>(PgxSource.class);
        Map<PgxSource, Optional<String>> score = new EnumMap<>(PgxSource.class);
        if (alleles.isAlleleStatusGene(gene)) {
            List<String> statuses = new ArrayList<>();
            for (String allele : alleles.statusAlleles(gene)) {
                statuses.add(allele + (names.contains(allele) ? " positive" : " negative"));
            }
            Optional<String> p = Optional.of(String.join(", ", statuses));
            for (PgxSource source : PgxSource.values()) {
                phenotype.put(source, p);
                score.put(source, Optional.empty());
            }
            return new Candidate(label, names, phenotype, score, Map.of());
        }
        for (PgxSource source : PgxSource.values()) {
            Optional<PhenotypeRule> rule = rule(source, gene, names);
            Optional<String> s = rule.flatMap(PhenotypeRule::activityScore);
            Optional<String> p = rule.map(PhenotypeRule::phenotype);
            if (rule.isEmpty() && knowledge.gene(gene).activityScore() && names.size() == 2) {
                s = summedScore(gene, names);
                p = s.flatMap(x -> knowledge.phenotypeForActivityScore(source, gene, x));
            }
            phenotype.put(source, p);
            score.put(source, s);
        }
        // Each source falls back to the other's answer.
        Map<PgxSource, Optional<String>> p2 = new EnumMap<>(PgxSource.class);
        Map<PgxSource, Optional<String>> s2 = new EnumMap<>(PgxSource.class);
        for (PgxSource source : PgxSource.values()) {
            PgxSource other = source == PgxSource.CPIC ? PgxSource.DPWG : PgxSource.CPIC;
            p2.put(source, phenotype.get(source).or(() -> phenotype.get(other)));
            s2.put(source, score.get(source).or(() -> score.get(other)));
        }
        return new Candidate(label, names, p2, s2, Map.of());
    }

    private Optional<PhenotypeRule> rule(PgxSource source, String gene, List<String> names) {
        Set<String> known = alleles.names(gene);
        if (!known.containsAll(names)) {
            return Optional.empty();
        }
        return knowledge.phenotype(source, gene, names.get(0), names.size() > 1 ? names.get(1) : null);
    }

    private Optional<String> summedScore(String gene, List<String> names) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean atLeast = false;
        for (String name : names) {
            Optional<String> value = haplotype(gene, name).activityValue();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String v = value.get();
            if (v.startsWith("≥")) {
                atLeast = true;
                v = v.substring(1);
            }
            Optional<BigDecimal> d = decimal(v);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.add(d.get());
        }
        return Optional.of((atLeast ? "≥" : "") + format(sum));
    }

    private Optional<String> scorePhenotype(String gene, String score) {
        return knowledge.phenotypeForActivityScore(PgxSource.CPIC, gene, score)
                .or(() -> knowledge.phenotypeForActivityScore(PgxSource.DPWG, gene, score));
    }

    private Diplotype diplotype(String gene, Candidate c) {
        Optional<Haplotype> first = c.alleles().isEmpty() ? Optional.empty() : Optional.of(haplotype(gene, c.alleles().get(0)));
        Optional<Haplotype> second = c.alleles().size() < 2 ? Optional.empty() : Optional.of(haplotype(gene, c.alleles().get(1)));
        return new Diplotype(c.label(), first, second, c.phenotype().get(PgxSource.CPIC), c.activityScore().get(PgxSource.CPIC));
    }

    private Haplotype haplotype(String gene, String name) {
        if (alleles.names(gene).contains(name)) {
            Optional<AlleleFunction> f = knowledge.function(PgxSource.CPIC, gene, name)
                    .or(() -> knowledge.function(PgxSource.DPWG, gene, name));
            return new Haplotype(name, f.map(AlleleFunction::function), f.flatMap(AlleleFunction::activityValue));
        }
        // A copy or tandem of known alleles (CYP2D6): the sum of the parts' activity values; no function is stated.
        BigDecimal sum = BigDecimal.ZERO;
        boolean atLeast = false;
        for (String[] part : KnownAlleles.components(name)) {
            if (!alleles.names(gene).contains(part[0])) {
                return new Haplotype(name, Optional.empty(), Optional.empty());
            }
            Optional<BigDecimal> value = knowledge.function(PgxSource.CPIC, gene, part[0])
                    .or(() -> knowledge.function(PgxSource.DPWG, gene, part[0]))
                    .flatMap(AlleleFunction::numericActivityValue);
            String copies = part[1];
            if (copies.startsWith("≥")) {
                atLeast = true;
                copies = copies.substring(1);
            }
            Optional<BigDecimal> n = decimal(copies);
            if (value.isEmpty() || n.isEmpty()) {
                return new Haplotype(name, Optional.empty(), Optional.empty());
            }
            sum = sum.add(value.get().multiply(n.get()));
        }
        boolean bounded = atLeast && sum.signum() > 0;
        return new Haplotype(name, Optional.empty(), Optional.of((bounded ? "≥" : "") + format(sum)));
    }

    // ------------------------------------------------------------------------------------------------
    // Recommendations

    private List<DrugRecommendation> recommendations(Map<String, Interpreted> genes) {
        List<DrugRecommendation> out = new ArrayList<>();
        List<int[]> ranks = new ArrayList<>();
        java.util.BitSet possible = possible(genes);
        for (int index = possible.nextSetBit(0); index >= 0; index = possible.nextSetBit(index + 1)) {
            List<DrugRecommendation> made = outcome(index, genes);
            out.addAll(made);
            if (!made.isEmpty()) {
                ranks.add(drugRanks[index]);
            }
        }
        // Order by drug (ignoring case), then source, keeping knowledge order among equals: each (recommendation,
        // drug) has its precomputed place in that order.
        long[] order = new long[out.size()];
        int k = 0;
        for (int[] rank : ranks) {
            for (int r : rank) {
                order[k] = ((long) r << 32) | k;
                k++;
            }
        }
        java.util.Arrays.sort(order);
        List<DrugRecommendation> sorted = new ArrayList<>(out.size());
        for (long o : order) {
            sorted.add(out.get((int) o));
        }
        return sorted;
    }

    /**
     * The drug recommendations a recommendation makes for the sample, none when it does not apply. It depends only on
     * the interpretations of the recommendation's genes; when those are the shared ones, the answer is memoised by
     * their identity, so that a cohort's samples with the same calls look each recommendation up once.
     */
    private List<DrugRecommendation> outcome(int index, Map<String, Interpreted> genes) {
        String[] keyGenes = recommendationGenes[index];
        Object[] parts = new Object[keyGenes.length];
        boolean shareable = true;
        for (int i = 0; i < keyGenes.length; i++) {
            Interpreted gene = genes.get(keyGenes[i]);
            parts[i] = gene;
            shareable &= gene == null || gene.shared();
        }
        Outcome key = shareable ? new Outcome(index, parts) : null;
        if (key != null) {
            List<DrugRecommendation> known = outcomes.get(key);
            if (known != null) {
                return known;
            }
        }
        List<DrugRecommendation> made = match(index, genes);
        if (key != null && outcomes.size() < MAX_OUTCOMES) {
            outcomes.put(key, made);
        }
        return made;
    }

    /** {@link #outcome} without the memo. */
    private List<DrugRecommendation> match(int index, Map<String, Interpreted> genes) {
        Recommendation r = recommendations.get(index);
        if (!applies(r, genes)) {
            return List.of();   // most recommendations: decided without building anything
        }
        Map<String, String> matched = new TreeMap<>();
        Map<String, String> values = new TreeMap<>();
        boolean tied = false;
        for (LookupKey key : r.lookupKeys().values()) {
            List<Candidate> candidates = Optional.ofNullable(genes.get(key.gene())).map(Interpreted::candidates).orElse(List.of());
            values.put(key.gene(), key.value());
            if (key.kind() == LookupKey.Kind.NO_RESULT) {
                if (!candidates.isEmpty()) {
                    return List.of();
                }
                matched.put(key.gene(), NO_RESULT);
            } else {
                List<String> hits = candidates.stream().filter(c -> matches(key, r.source(), c)).map(Candidate::label).toList();
                if (hits.isEmpty()) {
                    return List.of();
                }
                tied |= hits.size() < candidates.size();
                matched.put(key.gene(), String.join(" or ", hits));
            }
        }
        Match match = new Match(index, matched, tied);
        List<DrugRecommendation> made = matchedRecommendations.get(match);
        if (made == null) {
            Optional<String> strength = r.classification().filter(c -> !c.equals("N/A"));
            List<DrugRecommendation> perDrug = new ArrayList<>();
            for (String drug : r.drugs()) {
                perDrug.add(new DrugRecommendation(drug, r.source(), r.id(), r.guideline().name(), r.guideline().version(),
                        r.guideline().url(), values, r.population(), strength, r.text(), r.implications(), r.alternateDrugAdvised(),
                        matched, tied));
            }
            made = List.copyOf(perDrug);
            if (matchedRecommendations.size() < MAX_MEMOISED) {
                matchedRecommendations.put(match, made);
            }
        }
        return made;
    }

    /** A recommendation (by position) and the interpretations of its genes, compared by identity (a memo key). */
    private static final class Outcome {
        private final int index;
        private final Object[] genes;
        private final int hash;

        Outcome(int index, Object[] genes) {
            this.index = index;
            this.genes = genes;
            int h = index;
            for (Object gene : genes) {
                h = 31 * h + System.identityHashCode(gene);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Outcome o) || o.index != index || o.hash != hash || o.genes.length != genes.length) {
                return false;
            }
            for (int i = 0; i < genes.length; i++) {
                if (o.genes[i] != genes[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Whether every lookup key of the recommendation is met by some candidate (or, for "No Result", by none). */
    private static boolean applies(Recommendation r, Map<String, Interpreted> genes) {
        for (LookupKey key : r.lookupKeys().values()) {
            Interpreted gene = genes.get(key.gene());
            List<Candidate> candidates = gene == null ? List.of() : gene.candidates();
            if (key.kind() == LookupKey.Kind.NO_RESULT) {
                if (!candidates.isEmpty()) {
                    return false;
                }
                continue;
            }
            boolean any = false;
            for (Candidate c : candidates) {
                if (matches(key, r.source(), c)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(LookupKey key, PgxSource source, Candidate c) {
        String value = key.value();
        return switch (key.kind()) {
            case PHENOTYPE -> c.phenotype().get(source).map(p -> p.equalsIgnoreCase(value)).orElse(false);
            case ACTIVITY_SCORE -> c.activityScore().get(source).map(s -> sameScore(s, stripNote(value))).orElse(false);
            case ALLELE_STATUS -> {
                Matcher m = KnownAlleles.ALLELE_STATUS.matcher(value);
                if (!m.matches()) {
                    yield false;
                }
                boolean positive = m.group(2).equals("positive");
                Boolean given = c.givenStatuses().get(m.group(1));
                if (c.alleles().isEmpty()) {
                    yield given != null && given == positive;
                }
                yield c.alleles().contains(m.group(1)) == positive;
            }
            case DIPLOTYPE -> {
                List<String> wanted = split(value);
                yield c.alleles().size() == 2 && wanted.size() == 2
                        && (c.alleles().equals(wanted) || c.alleles().equals(List.of(wanted.get(1), wanted.get(0))));
            }
            case NO_RESULT -> false;
        };
    }

    /** {@code 2.0 (Normal Metabolizer)} → {@code 2.0}: DPWG DPYD keys carry a note after the score. */
    private static String stripNote(String value) {
        int paren = value.indexOf(" (");
        return paren < 0 ? value : value.substring(0, paren);
    }

    private static boolean sameScore(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        boolean boundA = a.startsWith("≥");
        boolean boundB = b.startsWith("≥");
        if (boundA != boundB) {
            return false;
        }
        Optional<BigDecimal> x = decimal(boundA ? a.substring(1) : a);
        Optional<BigDecimal> y = decimal(boundB ? b.substring(1) : b);
        return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
    }

    private static Optional<BigDecimal> decimal(String s) {
        try {
            return Optional.of(new BigDecimal(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** 1 → "1.0", 1.25 → "1.25": the way the tables write scores. */
    private static String format(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() < 1) {
            s = s.setScale(1);
        }
        return s.toPlainString();
    }
}
