package no.permed.pgx.call.internal;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.knowledge.AlleleDefinition;
import no.permed.pgx.knowledge.DefiningPosition;
import no.permed.pgx.knowledge.NamedAllele;

/**
 * Calls DPYD allele by allele, as PharmCAT 3 does for its "lowest function" genes: every DPYD named allele except
 * HapB3 is one variant, so each defining variant found is a present allele.
 *
 * <ul>
 *   <li><b>Effectively phased</b> (phased, or at most one heterozygous site): each chromosome carries the alleles
 *       found on it ({@code Reference} when none, {@code [a + b]} when several); the recommendation lookup uses the
 *       lowest-function allele of each chromosome.</li>
 *   <li><b>Otherwise</b>: the alleles found are listed (a homozygous one twice; {@code Reference} while at most two
 *       alleles are found and no position is homozygous for a variant) and the lookup uses the two lowest-function
 *       alleles.</li>
 *   <li><b>HapB3</b> ({@code c.1129-5923C>G}, intronic rs75017182, and {@code c.1236G>A}, exonic rs56038477): the
 *       intronic variant decides. Intronic and exonic on one chromosome: HapB3; intronic only (or exonic position
 *       missing): {@code c.1129-5923C>G}; exonic only with the intronic position present: not HapB3, warning
 *       {@code pcat-dpyd-hapB3-intronic-mismatch-exonic}; exonic with the intronic position missing: HapB3, warning
 *       {@code pcat-dpyd-hapB3-exonic-only}. Without phase the copies are counted the same way.</li>
 * </ul>
 *
 * <p>"Lowest function" orders alleles by CPIC activity value (an allele without one first, as PharmCAT's comparator
 * does), then by name. An allele no DPYD allele defines is read as the reference allele, with a warning.
 */
public final class DpydMatcher implements GeneCaller {
    static final String HAPB3 = "c.1129-5923C>G, c.1236G>A (HapB3)";
    static final String HAPB3_INTRONIC = "c.1129-5923C>G";
    static final String EXONIC_RSID = "rs56038477";
    static final String INTRONIC_RSID = "rs75017182";
    static final String MISMATCH = "pcat-dpyd-hapB3-intronic-mismatch-exonic: the exonic HapB3 variant c.1236G>A (rs56038477)"
            + " is present without the intronic c.1129-5923C>G (rs75017182), which decides; HapB3 not called from it";
    static final String EXONIC_ONLY = "pcat-dpyd-hapB3-exonic-only: the intronic HapB3 position c.1129-5923C>G (rs75017182)"
            + " is missing; HapB3 called from the exonic variant c.1236G>A (rs56038477) alone";

    private final GeneMatcher base;
    private final AlleleDefinition definition;
    private final List<DefiningPosition> positions;
    private final String reference;
    private final int exon;
    private final int intron;
    private final String exonAlt;
    private final String intronAlt;
    private final String intronicName;
    /** position index → defined allele → allele name, for every position but the two HapB3 ones. */
    private final List<Map<String, String>> single;
    private final Map<String, BigDecimal> activity;

    private DpydMatcher(GeneMatcher base, int exon, int intron, List<Map<String, String>> single, Map<String, BigDecimal> activity) {
        this.base = base;
        this.definition = base.definition();
        this.positions = definition.positions();
        this.reference = definition.referenceAllele().name();
        this.exon = exon;
        this.intron = intron;
        NamedAllele hapB3 = definition.namedAllele(HAPB3).orElseThrow();
        this.exonAlt = hapB3.alleleAt(exon).orElseThrow();
        this.intronAlt = hapB3.alleleAt(intron).orElseThrow();
        this.intronicName = definition.namedAllele(HAPB3_INTRONIC).isPresent() ? HAPB3_INTRONIC : HAPB3;
        this.single = single;
        this.activity = Map.copyOf(activity);
    }

    /**
     * The DPYD caller for {@code definition}, or a plain {@link GeneMatcher} when the definition does not have the
     * shape this algorithm needs (HapB3 on the two known positions, every other allele one variant).
     *
     * @param activity CPIC activity value by allele name; alleles without one are left out
     */
    public static GeneCaller create(AlleleDefinition definition, Map<String, BigDecimal> activity) {
        requireNonNull(definition, "definition is null");
        requireNonNull(activity, "activity is null");
        GeneMatcher base = new GeneMatcher(definition);
        List<DefiningPosition> positions = definition.positions();
        int exon = -1;
        int intron = -1;
        for (int i = 0; i < positions.size(); i++) {
            Optional<String> rsid = positions.get(i).rsid();
            if (rsid.isPresent() && rsid.get().equals(EXONIC_RSID)) {
                exon = i;
            } else if (rsid.isPresent() && rsid.get().equals(INTRONIC_RSID)) {
                intron = i;
            }
        }
        Optional<NamedAllele> hapB3 = definition.namedAllele(HAPB3);
        if (exon < 0 || intron < 0 || hapB3.isEmpty() || hapB3.get().alleleAt(exon).isEmpty()
                || hapB3.get().alleleAt(intron).isEmpty()) {
            return base;
        }
        List<Map<String, String>> single = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            single.add(new HashMap<>());
        }
        for (NamedAllele allele : definition.namedAlleles()) {
            if (allele.reference() || allele.name().equals(HAPB3) || allele.name().equals(HAPB3_INTRONIC)
                    || allele.structuralVariant() || definition.exemptions().ignoredAlleles().contains(allele.name())) {
                continue;
            }
            if (allele.alleles().size() != 1) {
                return base;
            }
            int i = allele.alleles().firstKey();
            if (i == exon || i == intron) {
                return base;
            }
            single.get(i).put(allele.alleles().get(i), allele.name());
        }
        single.replaceAll(Map::copyOf);
        return new DpydMatcher(base, exon, intron, List.copyOf(single), activity);
    }

    @Override
    public AlleleDefinition definition() {
        return definition;
    }

    @Override
    public List<DefiningPosition> extraPositions() {
        return base.extraPositions();
    }

    @Override
    public GeneCall call(Observation[] all) {
        GeneMatcher.Prepared prepared = base.prepare(all);
        Observation[] observations = prepared.observations();
        List<String> warnings = new ArrayList<>(prepared.warnings());
        String noCall = base.noCallReason(prepared);
        if (noCall != null) {
            warnings.add(noCall);
            return new GeneCall(definition.gene(), List.of(), prepared.missing(), warnings, prepared.phased(), 0, List.of(),
                    List.of(), prepared.variantsOfInterest());
        }
        base.untestedWarnings(observations, warnings, Set.of(reference));
        boolean effectivelyPhased = prepared.phased() || prepared.hets() <= 1;
        return effectivelyPhased ? phased(prepared, warnings) : unphased(prepared, warnings);
    }

    private GeneCall phased(GeneMatcher.Prepared prepared, List<String> warnings) {
        Observation[] observations = prepared.observations();
        Set<String> notes = new LinkedHashSet<>();
        List<List<String>> strands = new ArrayList<>();
        int matchScore = 0;
        for (int h = 0; h < 2; h++) {
            List<String> found = new ArrayList<>();
            for (int i : prepared.present()) {
                if (i != exon && i != intron) {
                    String name = single.get(i).get(observations[i].allele(h));
                    if (name != null) {
                        found.add(name);
                    }
                }
            }
            Observation in = observations[intron];
            Observation ex = observations[exon];
            boolean intronVariant = in != null && in.allele(h).equals(intronAlt);
            boolean exonVariant = ex != null && ex.allele(h).equals(exonAlt);
            if (intronVariant) {
                found.add(exonVariant ? HAPB3 : intronicName);
            } else if (exonVariant) {
                if (in != null) {
                    notes.add(MISMATCH);
                } else {
                    notes.add(EXONIC_ONLY);
                    found.add(HAPB3);
                }
            }
            found.sort(AlleleNames.NATURAL);
            strands.add(found);
            matchScore += found.isEmpty() ? scoreOf(reference, observations) : found.stream().mapToInt(n -> scoreOf(n, observations)).sum();
        }
        warnings.addAll(notes);
        String first = haplotypeName(strands.get(0));
        String second = haplotypeName(strands.get(1));
        String diplotype = orderedDiplotype(first, second);
        String lookup = AlleleNames.diplotype(lowest(strands.get(0)), lowest(strands.get(1)));
        return new GeneCall(definition.gene(), List.of(diplotype), prepared.missing(), warnings, prepared.phased(), matchScore,
                List.of(lookup), List.of(), prepared.variantsOfInterest());
    }

    private GeneCall unphased(GeneMatcher.Prepared prepared, List<String> warnings) {
        Observation[] observations = prepared.observations();
        Map<String, Integer> counts = new TreeMap<>(AlleleNames.NATURAL);
        boolean referencePossible = true;
        for (int i : prepared.present()) {
            Observation o = observations[i];
            String ref = base.referenceAlleleAt(i);
            if (!o.allele(0).equals(ref) && !o.allele(1).equals(ref)) {
                referencePossible = false;
            }
            if (i == exon || i == intron) {
                continue;
            }
            for (int h = 0; h < 2; h++) {
                String name = single.get(i).get(o.allele(h));
                if (name != null) {
                    counts.merge(name, 1, Integer::sum);
                }
            }
        }
        List<String> hapB3 = new ArrayList<>();
        Observation in = observations[intron];
        Observation ex = observations[exon];
        if (in != null && ex == null) {
            for (int k = count(in, intronAlt); k > 0; k--) {
                hapB3.add(intronicName);
            }
        } else if (in == null && ex != null) {
            int n = count(ex, exonAlt);
            for (int k = n; k > 0; k--) {
                hapB3.add(HAPB3);
            }
            if (n > 0) {
                warnings.add(EXONIC_ONLY);
            }
        } else if (in != null) {
            int ni = count(in, intronAlt);
            int ne = count(ex, exonAlt);
            if (ni == ne) {
                for (int k = ni; k > 0; k--) {
                    hapB3.add(HAPB3);
                }
            } else if (ni > ne) {
                hapB3.add(intronicName);
                if (ne == 1) {
                    hapB3.add(HAPB3);
                } else if (ni == 2) {
                    hapB3.add(intronicName);
                }
            } else {
                if (ni == 1) {
                    hapB3.add(HAPB3);
                }
                warnings.add(MISMATCH);
            }
        }
        // PharmCAT keeps Reference only while it would not make more than two entries
        if (referencePossible && counts.size() + hapB3.size() + 1 > 2) {
            referencePossible = false;
        }
        List<String> found = new ArrayList<>();
        counts.forEach((name, n) -> {
            for (int k = 0; k < n; k++) {
                found.add(name);
            }
        });
        found.addAll(hapB3);
        found.sort(AlleleNames.NATURAL);
        if (referencePossible) {
            found.add(0, reference);
        }
        List<String> byFunction = new ArrayList<>(found);
        byFunction.sort(lowestFunctionFirst());
        String lookup = AlleleNames.diplotype(byFunction.get(0), byFunction.size() > 1 ? byFunction.get(1) : reference);
        int matchScore = found.stream().mapToInt(n -> scoreOf(n, observations)).sum();
        warnings.add("DPYD without phase (" + prepared.hets() + " heterozygous sites): PharmCAT reports the alleles found ("
                + String.join("; ", found) + ") and looks recommendations up with the two lowest-function ones");
        return new GeneCall(definition.gene(), List.of(lookup), prepared.missing(), warnings, false, matchScore, List.of(lookup),
                found, prepared.variantsOfInterest());
    }

    private static int count(Observation o, String allele) {
        int n = 0;
        for (String a : o.alleles()) {
            if (a.equals(allele)) {
                n++;
            }
        }
        return o.isHaploid() ? 2 * n : n;
    }

    private int scoreOf(String name, Observation[] observations) {
        int a = base.indexOf(name);
        return a < 0 ? 0 : base.score(a, observations);
    }

    private String haplotypeName(List<String> found) {
        if (found.isEmpty()) {
            return reference;
        }
        return found.size() == 1 ? found.get(0) : "[" + String.join(" + ", found) + "]";
    }

    private static String orderedDiplotype(String a, String b) {
        boolean ca = a.startsWith("[");
        boolean cb = b.startsWith("[");
        if (ca != cb) {
            return ca ? b + "/" + a : a + "/" + b;
        }
        return AlleleNames.diplotype(a, b);
    }

    private String lowest(List<String> found) {
        if (found.isEmpty()) {
            return reference;
        }
        List<String> sorted = new ArrayList<>(found);
        sorted.sort(lowestFunctionFirst());
        return sorted.get(0);
    }

    /** CPIC activity value ascending (an allele without one first, as PharmCAT's DpydActivityComparator), then name. */
    private Comparator<String> lowestFunctionFirst() {
        return (x, y) -> {
            BigDecimal ax = activity.get(x);
            BigDecimal ay = activity.get(y);
            if (ax == null || ay == null) {
                if (ax != ay) {
                    return ax == null ? -1 : 1;
                }
            } else if (ax.compareTo(ay) != 0) {
                return ax.compareTo(ay);
            }
            return AlleleNames.NATURAL.compare(x, y);
        };
    }
}
