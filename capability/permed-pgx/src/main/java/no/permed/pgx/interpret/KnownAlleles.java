package no.permed.pgx.interpret;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.permed.pgx.knowledge.LookupKey;
import no.permed.pgx.knowledge.NamedAllele;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import no.permed.pgx.knowledge.PhenotypeRule;
import no.permed.pgx.knowledge.Recommendation;

/**
 * The allele names the knowledge knows per gene, and how an outside call's allele name is resolved to one of them.
 * Package-private: the rules are documented on {@link OutsideCalls}.
 */
final class KnownAlleles {
    /** An HLA allele name with at least two fields: {@code *57:01}, {@code *15:02:01}, {@code *31:01:02:01N}. */
    static final Pattern HLA_ALLELE = Pattern.compile("\\*\\d{2,3}(:\\d{2,3}){1,3}[A-Z]?");
    /** An allele status as guidelines key on it: {@code *57:01 positive}. */
    static final Pattern ALLELE_STATUS = Pattern.compile("(\\*\\d{2,3}(?::\\d{2,3}){1,3}[A-Z]?) (positive|negative)");
    /** A copy-number suffix: {@code x2}, {@code x≥3}, {@code xN}. */
    private static final Pattern COPIES = Pattern.compile("(.+?)x(\\d+|≥\\d+|N)");

    /**
     * Alleles renamed in the current definitions whose old names still appear in PharmCAT's own outside-call examples
     * ({@code docs/examples}, {@code outside_CYP2D6_G6PD.tsv}, the tutorial): old name → current name, by gene.
     */
    private static final Map<String, Map<String, String>> RENAMED = Map.of("G6PD", Map.of("B (wildtype)", "B (reference)"));

    private final PgxKnowledge knowledge;
    private final Map<String, Set<String>> names = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> statusAlleles = new ConcurrentHashMap<>();

    KnownAlleles(PgxKnowledge knowledge) {
        this.knowledge = requireNonNull(knowledge, "knowledge is null");
    }

    /** A resolved allele: the knowledge's name, and the note to warn with when the input was written otherwise. */
    record Resolved(String name, Optional<String> note) {
    }

    /** Every allele name the knowledge has for the gene (definitions, function and phenotype tables). */
    Set<String> names(String gene) {
        return names.computeIfAbsent(gene, g -> {
            Set<String> all = new TreeSet<>();
            knowledge.namedAlleles(g).stream().map(NamedAllele::name).forEach(all::add);
            for (PgxSource source : PgxSource.values()) {
                all.addAll(knowledge.functions(source, g).keySet());
                for (PhenotypeRule rule : knowledge.phenotypeRules(source, g)) {
                    all.add(rule.allele1());
                    rule.allele2().ifPresent(all::add);
                }
            }
            return Collections.unmodifiableSet(all);
        });
    }

    /** The alleles the gene's recommendations ask a status of ({@code *57:01} of {@code *57:01 positive}), sorted. */
    Set<String> statusAlleles(String gene) {
        return statusAlleles.computeIfAbsent(gene, g -> {
            Set<String> all = new TreeSet<>();
            for (Recommendation r : knowledge.recommendationsForGene(g)) {
                LookupKey key = r.lookupKeys().get(g);
                if (key.kind() == LookupKey.Kind.ALLELE_STATUS) {
                    Matcher m = ALLELE_STATUS.matcher(key.value());
                    if (m.matches()) {
                        all.add(m.group(1));
                    }
                }
            }
            return Collections.unmodifiableSet(all);
        });
    }

    /** True for a gene typed by allele (HLA-A, HLA-B): no definition, recommendations keyed on allele status. */
    boolean isAlleleStatusGene(String gene) {
        return knowledge.gene(gene).definition().isEmpty() && !statusAlleles(gene).isEmpty();
    }

    /** Resolves an allele name of an outside call; empty when the gene does not know it. */
    Optional<Resolved> resolve(String gene, String allele) {
        Set<String> known = names(gene);
        if (known.contains(allele)) {
            return Optional.of(new Resolved(allele, Optional.empty()));
        }
        String renamed = RENAMED.getOrDefault(gene, Map.of()).get(allele);
        if (renamed != null && known.contains(renamed)) {
            return Optional.of(new Resolved(renamed, Optional.of("'" + allele + "' is the former name of " + gene + " " + renamed)));
        }
        if (known.contains("m." + allele)) {
            return Optional.of(new Resolved("m." + allele, Optional.of("'" + allele + "' was read as " + gene + " m." + allele)));
        }
        if (isAlleleStatusGene(gene)) {
            return HLA_ALLELE.matcher(allele).matches() ? Optional.of(new Resolved(allele, Optional.empty())) : Optional.empty();
        }
        // Structural alleles (CYP2D6): copies (*1x2, *4x≥3, *2xN) and tandems (*36+*10, *36x2 + *10) of known alleles.
        List<String> parts = new ArrayList<>();
        for (String part : allele.split("\\+", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            if (!known.contains(p)) {
                Matcher m = COPIES.matcher(p);
                if (!m.matches() || !known.contains(m.group(1))) {
                    return Optional.empty();
                }
            }
            parts.add(p);
        }
        return Optional.of(new Resolved(String.join("+", parts), Optional.empty()));
    }

    /** Splits a structural allele into (allele, copies) parts; copies is {@code "1"}, a number, {@code ≥n} or {@code N}. */
    static List<String[]> components(String allele) {
        List<String[]> out = new ArrayList<>();
        for (String part : allele.split("\\+")) {
            Matcher m = COPIES.matcher(part.strip());
            out.add(m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {part.strip(), "1"});
        }
        return out;
    }
}
