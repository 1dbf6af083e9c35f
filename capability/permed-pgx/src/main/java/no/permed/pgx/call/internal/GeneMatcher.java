package no.permed.pgx.call.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.knowledge.AlleleDefinition;
import no.permed.pgx.knowledge.DefiningPosition;
import no.permed.pgx.knowledge.GeneExemptions;
import no.permed.pgx.knowledge.NamedAllele;

/**
 * Matches one sample's genotypes at the defining positions of one gene against the gene's named alleles.
 * Immutable and thread-safe.
 *
 * <p>A named allele is expanded over all positions: where it defines no allele, the reference named allele's
 * allele (or the position's REF) fills in, as PharmCAT does. Its score for a sample is the number of
 * positions it defines that the sample has a genotype for, so that the more specific allele wins. Missing
 * positions are left out of the comparison (never assumed reference); alleles that define a missing position
 * are kept and named in a warning.
 */
public final class GeneMatcher implements GeneCaller {
    static final String NO_CALL_MISSING = "no call: every defining position is missing";
    /**
     * Genes for which PharmCAT treats an allele that no named allele defines ("undocumented variation") as the
     * reference allele, with a warning, instead of failing the match (PharmCAT's
     * {@code NamedAlleleMatcher.TREAT_UNDOCUMENTED_VARIATIONS_AS_REFERENCE}).
     */
    static final Set<String> UNDOCUMENTED_AS_REFERENCE = Set.of("CACNA1S", "DPYD", "G6PD", "NUDT15", "RYR1", "TPMT");

    private final AlleleDefinition definition;
    private final List<DefiningPosition> positions;
    private final List<NamedAllele> alleles;
    private final String[][] expanded;
    private final boolean[][] defines;
    /** Whether each position is one the exemptions say to ignore (looked up once, not per allele and sample). */
    private final boolean[] ignored;
    private final int referenceIndex;
    private final boolean referenceScoresZero;
    private final List<DefiningPosition> extraPositions;

    public GeneMatcher(AlleleDefinition definition) {
        this.definition = requireNonNull(definition, "definition is null");
        this.positions = definition.positions();
        GeneExemptions exemptions = definition.exemptions();
        NamedAllele reference = definition.referenceAllele();
        List<NamedAllele> usable = new ArrayList<>();
        for (NamedAllele allele : definition.namedAlleles()) {
            if (allele.reference() || (!allele.structuralVariant() && !exemptions.ignoredAlleles().contains(allele.name()))) {
                usable.add(allele);
            }
        }
        this.alleles = List.copyOf(usable);
        this.ignored = new boolean[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            ignored[i] = exemptions.ignoredPositions().contains(positions.get(i).position());
        }
        this.expanded = new String[alleles.size()][positions.size()];
        this.defines = new boolean[alleles.size()][positions.size()];
        int ref = -1;
        for (int a = 0; a < alleles.size(); a++) {
            NamedAllele allele = alleles.get(a);
            if (allele.reference()) {
                ref = a;
            }
            for (int i = 0; i < positions.size(); i++) {
                String own = allele.alleles().get(i);
                defines[a][i] = own != null;
                expanded[a][i] = own != null ? own : reference.alleleAt(i).orElse(positions.get(i).ref());
            }
        }
        this.referenceIndex = ref;
        // Genes with unphased priorities (NAT2) are scored by PharmCAT so that the reference allele adds nothing:
        // that is what makes the ties the priorities resolve (*1/*7 against *4/*40).
        this.referenceScoresZero = !exemptions.unphasedDiplotypePriorities().isEmpty();
        this.extraPositions = exemptions.extraPositions();
    }

    @Override
    public AlleleDefinition definition() {
        return definition;
    }

    @Override
    public List<DefiningPosition> extraPositions() {
        return extraPositions;
    }

    /** What one sample has at one gene, after the checks every gene shares. */
    record Prepared(Observation[] observations, List<String> missing, List<Integer> present, List<String> warnings,
            boolean haploid, int hets, boolean phased, List<String> variantsOfInterest) {
    }

    /**
     * Splits off the extra positions, lists the missing positions, counts heterozygous sites and, for the genes of
     * {@link #UNDOCUMENTED_AS_REFERENCE}, turns undocumented alleles into the reference allele (with a warning).
     */
    Prepared prepare(Observation[] all) {
        if (all.length != positions.size() + extraPositions.size()) {
            throw new IllegalArgumentException(definition.gene() + " has " + positions.size() + " positions and "
                    + extraPositions.size() + " extra positions but " + all.length + " observations were given");
        }
        GeneExemptions exemptions = definition.exemptions();
        Observation[] observations = java.util.Arrays.copyOf(all, positions.size());
        List<String> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Integer> present = new ArrayList<>();
        boolean haploid = true;
        int hets = 0;
        boolean allHetsPhased = true;
        boolean undocumentedAsReference = UNDOCUMENTED_AS_REFERENCE.contains(definition.gene());
        for (int i = 0; i < positions.size(); i++) {
            DefiningPosition position = positions.get(i);
            if (exemptions.ignoredPositions().contains(position.position())) {
                continue;
            }
            Observation o = observations[i];
            if (o == null) {
                missing.add(describe(position));
                continue;
            }
            if (undocumentedAsReference) {
                // a copy: the caller's observations are shared (and memoised on), never changed here
                String[] alleles = o.alleles().clone();
                boolean changed = false;
                for (int h = 0; h < alleles.length; h++) {
                    if (!documented(i, alleles[h])) {
                        warnings.add("allele " + alleles[h] + " at " + describe(position) + " is in no named allele of "
                                + definition.gene() + "; treated as the reference allele, as PharmCAT does for this gene");
                        alleles[h] = expanded[referenceIndex][i];
                        changed = true;
                    }
                }
                if (changed) {
                    o = new Observation(alleles, o.phased());
                    observations[i] = o;
                }
            }
            present.add(i);
            haploid &= o.isHaploid();
            if (o.isHeterozygous()) {
                hets++;
                allHetsPhased &= o.phased();
            }
        }
        List<String> variantsOfInterest = new ArrayList<>();
        for (int j = 0; j < extraPositions.size(); j++) {
            Observation o = all[positions.size() + j];
            if (o != null) {
                variantsOfInterest.add(describe(extraPositions.get(j)) + " " + o);
            }
        }
        return new Prepared(observations, missing, present, warnings, haploid, hets, hets == 0 || allHetsPhased,
                variantsOfInterest);
    }

    /** Whether some named allele (the reference included) has {@code allele} at position {@code i}. */
    boolean documented(int i, String allele) {
        for (String[] row : expanded) {
            if (Iupac.matches(row[i], allele)) {
                return true;
            }
        }
        return false;
    }

    /** The checks that make a gene a no-call before any matching: nothing present, a required position missing. */
    String noCallReason(Prepared p) {
        if (p.present().isEmpty()) {
            return NO_CALL_MISSING;
        }
        for (int required : definition.exemptions().requiredPositions()) {
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i).position() == required && p.observations()[i] == null) {
                    return "no call: required position " + describe(positions.get(i)) + " is missing";
                }
            }
        }
        return null;
    }

    /**
     * PharmCAT's score of a named allele: the positions it defines that the sample has a genotype for (an ignored
     * position counts when present, as in PharmCAT's Match Score).
     */
    int score(int allele, Observation[] observations) {
        int n = 0;
        for (int i = 0; i < positions.size(); i++) {
            if (defines[allele][i] && observations[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** The reference named allele's allele at position {@code i} (the position's REF where it defines none). */
    String referenceAlleleAt(int i) {
        return expanded[referenceIndex][i];
    }

    /** The index of a named allele among the usable ones, or -1. */
    int indexOf(String name) {
        for (int a = 0; a < alleles.size(); a++) {
            if (alleles.get(a).name().equals(name)) {
                return a;
            }
        }
        return -1;
    }

    /** Adds the "not ruled out" and "matched on the positions present only" warnings. */
    void untestedWarnings(Observation[] observations, List<String> warnings, Set<String> skip) {
        Set<String> untested = new TreeSet<>(AlleleNames.NATURAL);
        Set<String> partlyTested = new TreeSet<>(AlleleNames.NATURAL);
        for (int a = 0; a < alleles.size(); a++) {
            if (a == referenceIndex || skip.contains(alleles.get(a).name())) {
                continue;
            }
            int definedPresent = 0;
            int definedMissing = 0;
            for (int i = 0; i < positions.size(); i++) {
                if (!defines[a][i] || ignored[i]) {
                    continue;
                }
                if (observations[i] == null) {
                    definedMissing++;
                } else {
                    definedPresent++;
                }
            }
            if (definedPresent == 0 && definedMissing > 0) {
                untested.add(alleles.get(a).name());
            } else if (definedMissing > 0) {
                partlyTested.add(alleles.get(a).name());
            }
        }
        if (!untested.isEmpty()) {
            warnings.add("not ruled out (all their defining positions are missing): " + String.join(", ", untested));
        }
        if (!partlyTested.isEmpty()) {
            warnings.add("matched on the positions present only (some of their defining positions are missing): "
                    + String.join(", ", partlyTested));
        }
    }

    /** Calls the gene from the sample's observations: one per defining position, then one per extra position (null = missing). */
    @Override
    public GeneCall call(Observation[] all) {
        Prepared prepared = prepare(all);
        Observation[] observations = prepared.observations();
        List<String> warnings = new ArrayList<>(prepared.warnings());
        List<String> missing = prepared.missing();
        List<Integer> present = prepared.present();
        boolean haploid = prepared.haploid();
        boolean phased = prepared.phased();
        boolean treatAsPhased = phased || prepared.hets() <= 1;
        GeneExemptions exemptions = definition.exemptions();
        String noCall = noCallReason(prepared);
        if (noCall != null) {
            warnings.add(noCall);
            return new GeneCall(definition.gene(), List.of(), missing, warnings, phased, 0, List.of(), List.of(),
                    prepared.variantsOfInterest());
        }

        // candidate alleles and their scores over the present positions
        List<Integer> candidates = new ArrayList<>();
        int[] score = new int[alleles.size()];
        java.util.Map<String, Integer> pharmcatScore = new java.util.HashMap<>();
        Set<String> untested = new TreeSet<>(AlleleNames.NATURAL);
        Set<String> partlyTested = new TreeSet<>(AlleleNames.NATURAL);
        for (int a = 0; a < alleles.size(); a++) {
            int definedPresent = 0;
            int definedMissing = 0;
            for (int i = 0; i < positions.size(); i++) {
                if (!defines[a][i] || ignored[i]) {
                    continue;
                }
                if (observations[i] == null) {
                    definedMissing++;
                } else {
                    definedPresent++;
                }
            }
            if (definedPresent == 0 && a != referenceIndex) {
                untested.add(alleles.get(a).name());
                continue;
            }
            if (definedMissing > 0 && a != referenceIndex) {
                partlyTested.add(alleles.get(a).name());
            }
            score[a] = a == referenceIndex && referenceScoresZero ? 0 : definedPresent;
            pharmcatScore.put(alleles.get(a).name(), score(a, observations));
            candidates.add(a);
        }
        // When missing positions make a named allele identical to the reference allele (CYP2C19 *1 and *38
        // without rs3758581), PharmCAT reports the named allele: drop the reference.
        for (int a : candidates) {
            if (a != referenceIndex && sameOnPresent(a, referenceIndex, present)) {
                candidates.remove(Integer.valueOf(referenceIndex));
                warnings.add("the reference allele " + alleles.get(referenceIndex).name() + " cannot be told apart from "
                        + alleles.get(a).name() + " on the positions present; reported as " + alleles.get(a).name());
                break;
            }
        }
        if (!untested.isEmpty()) {
            warnings.add("not ruled out (all their defining positions are missing): " + String.join(", ", untested));
        }
        if (!partlyTested.isEmpty()) {
            warnings.add("matched on the positions present only (some of their defining positions are missing): "
                    + String.join(", ", partlyTested));
        }
        unexpectedAlleles(observations, present, candidates, warnings);

        List<String> diplotypes;
        if (haploid) {
            diplotypes = new ArrayList<>(best(candidates, score, observations, present, 0));
            diplotypes.sort(AlleleNames.NATURAL);
        } else if (treatAsPhased) {
            List<String> first = best(candidates, score, observations, present, 0);
            List<String> second = best(candidates, score, observations, present, 1);
            Set<String> pairs = new HashSet<>();
            for (String a : first) {
                for (String b : second) {
                    pairs.add(AlleleNames.diplotype(a, b));
                }
            }
            diplotypes = new ArrayList<>(pairs);
            diplotypes.sort(AlleleNames::compareDiplotypes);
        } else {
            diplotypes = unphased(candidates, score, observations, present);
            String pick = priorityPick(diplotypes);
            if (pick != null) {
                warnings.add("PharmCAT's unphased priority for this tie is " + pick);
            }
        }
        int matchScore = 0;
        if (diplotypes.isEmpty()) {
            warnings.add("no call: no combination of named alleles explains the genotypes");
        } else {
            for (String allele : diplotypes.get(0).split("/", 2)) {
                matchScore += pharmcatScore.getOrDefault(allele, 0);
            }
        }
        return new GeneCall(definition.gene(), diplotypes, missing, warnings, phased, matchScore, diplotypes, List.of(),
                prepared.variantsOfInterest());
    }

    private boolean sameOnPresent(int a, int b, List<Integer> present) {
        for (int i : present) {
            if (!expanded[a][i].equals(expanded[b][i])) {
                return false;
            }
        }
        return true;
    }

    private List<String> best(List<Integer> candidates, int[] score, Observation[] observations, List<Integer> present, int haplotype) {
        int top = -1;
        List<String> names = new ArrayList<>();
        for (int a : candidates) {
            boolean ok = true;
            for (int i : present) {
                if (!Iupac.matches(expanded[a][i], observations[i].allele(haplotype))) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            if (score[a] > top) {
                top = score[a];
                names.clear();
            }
            if (score[a] == top) {
                names.add(alleles.get(a).name());
            }
        }
        return names;
    }

    private List<String> unphased(List<Integer> candidates, int[] score, Observation[] observations, List<Integer> present) {
        // keep only alleles that fit one of the two observed alleles everywhere
        List<Integer> fitting = new ArrayList<>();
        for (int a : candidates) {
            boolean ok = true;
            for (int i : present) {
                Observation o = observations[i];
                if (!Iupac.matches(expanded[a][i], o.allele(0)) && !Iupac.matches(expanded[a][i], o.allele(1))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                fitting.add(a);
            }
        }
        int top = -1;
        Set<String> pairs = new HashSet<>();
        for (int x = 0; x < fitting.size(); x++) {
            int a = fitting.get(x);
            for (int y = x; y < fitting.size(); y++) {
                int b = fitting.get(y);
                int total = score[a] + score[b];
                if (total < top) {
                    continue;
                }
                boolean ok = true;
                for (int i : present) {
                    Observation o = observations[i];
                    String p = expanded[a][i];
                    String q = expanded[b][i];
                    boolean straight = Iupac.matches(p, o.allele(0)) && Iupac.matches(q, o.allele(1));
                    boolean crossed = Iupac.matches(p, o.allele(1)) && Iupac.matches(q, o.allele(0));
                    if (!straight && !crossed) {
                        ok = false;
                        break;
                    }
                }
                if (!ok) {
                    continue;
                }
                if (total > top) {
                    top = total;
                    pairs.clear();
                }
                pairs.add(AlleleNames.diplotype(alleles.get(a).name(), alleles.get(b).name()));
            }
        }
        List<String> out = new ArrayList<>(pairs);
        out.sort(AlleleNames::compareDiplotypes);
        return out;
    }

    private void unexpectedAlleles(Observation[] observations, List<Integer> present, List<Integer> candidates, List<String> warnings) {
        for (int i : present) {
            Observation o = observations[i];
            Set<String> seen = new LinkedHashSet<>(List.of(o.alleles()));
            for (String observed : seen) {
                boolean known = false;
                for (int a : candidates) {
                    if (Iupac.matches(expanded[a][i], observed)) {
                        known = true;
                        break;
                    }
                }
                if (!known) {
                    warnings.add("allele " + observed + " at " + describe(positions.get(i)) + " is in no named allele");
                }
            }
        }
    }

    /**
     * PharmCAT's pick for an unphased tie: the first priority whose diplotypes are all in the tie. PharmCAT's
     * {@code ResultBuilder} tests {@code containsAll}, not equality: with a missing position the tie can hold one more
     * diplotype (an allele that cannot be told apart from another there), and PharmCAT's NAT2 table
     * ({@code tests.tsv}, lines 60, 63, 64) still gives the pick for such ties.
     */
    private String priorityPick(List<String> diplotypes) {
        if (diplotypes.size() < 2) {
            return null;
        }
        Set<String> tie = new HashSet<>(diplotypes);
        for (GeneExemptions.UnphasedDiplotypePriority priority : definition.exemptions().unphasedDiplotypePriorities()) {
            Set<String> set = new HashSet<>();
            for (String d : priority.diplotypes()) {
                set.add(normalise(d));
            }
            if (tie.containsAll(set)) {
                return normalise(priority.pick());
            }
        }
        return null;
    }

    private static String normalise(String diplotype) {
        String[] parts = diplotype.split("/", 2);
        return parts.length == 2 ? AlleleNames.diplotype(parts[0], parts[1]) : diplotype;
    }

    static String describe(DefiningPosition position) {
        String chromosome = position.chromosome().startsWith("chr") ? position.chromosome() : "chr" + position.chromosome();
        return chromosome + ":" + position.position() + position.rsid().map(r -> " (" + r + ")").orElse("");
    }
}
