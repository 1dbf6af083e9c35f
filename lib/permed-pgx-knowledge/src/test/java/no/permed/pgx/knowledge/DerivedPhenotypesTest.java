package no.permed.pgx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CPIC phenotype tables of G6PD and RYR1, which permed derives from the allele functions and CPIC's
 * published rule (the PharmCAT snapshot in ../shared/data/pgx lacks phenotype/G6PD.json and RYR1.json).
 * Every expectation is PharmCAT's, and the comment names the file it was read from.
 */
class DerivedPhenotypesTest {
    private final PgxKnowledge k = PgxKnowledge.load();

    @Test
    void pharmcatExampleOneGetsPharmcatsPhenotypes() {
        // pharmcat/examples/pharmcat.example.report.tsv line 5 (and example2 line 5):
        // G6PD  B (reference)/B (reference)  Normal  ...  B (reference)  IV/Normal
        assertThat(k.phenotype("G6PD", "B (reference)", "B (reference)")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Normal");
        assertThat(k.function("G6PD", "B (reference)")).get().extracting(AlleleFunction::function).isEqualTo("IV/Normal");
        // line 3: RYR1  Reference/Reference  Uncertain Susceptibility  ...  Reference  Normal function
        assertThat(k.phenotype("RYR1", "Reference", "Reference")).get().extracting(PhenotypeRule::lookupKey)
                .isEqualTo("Uncertain Susceptibility");
        assertThat(k.function("RYR1", "Reference")).get().extracting(AlleleFunction::function).isEqualTo("Normal function");
        // pharmcat.example.phenotype.json, geneReports.G6PD.sourceDiplotypes[0]: phenotypes ["Normal"], lookupKey ["Normal"]
        assertThat(k.phenotype("G6PD", "B (reference)", "B (reference)").orElseThrow().activityScore()).isEmpty();
    }

    @Test
    void g6pdFollowsCpicsTable() {
        // PharmCAT's own G6PD table of the same data version (2025-11-05-00-25), phenotype/G6PD.json, as stored in
        // the fork phonegor95/PharmCAT commit 0bbce803 (see src/build/cpic-functions/README.md): these rows.
        assertThat(g6pd("202G>A_376A>G_1264C>G", "Bari")).contains("Deficient with CNSHA"); // I/I
        assertThat(g6pd("202G>A_376A>G_1264C>G", "Belem")).contains("Deficient"); // I/II
        assertThat(g6pd("202G>A_376A>G_1264C>G", "Chinese-5")).contains("Deficient"); // I/III
        assertThat(g6pd("202G>A_376A>G_1264C>G", "Insuli")).contains("Variable"); // I/IV
        assertThat(g6pd("202G>A_376A>G_1264C>G", "Dagua")).contains("Indeterminate"); // I/uncertain
        assertThat(g6pd("A", "A- 202A_376G")).contains("Variable"); // IV/III
        assertThat(g6pd("A", "B (reference)")).contains("Normal"); // IV/IV
        // Hemizygous rows of the same table: "A- 202A_376G" -> Deficient, "Aachen" -> Deficient with CNSHA, "A" -> Normal
        assertThat(g6pd("A- 202A_376G", null)).contains("Deficient");
        assertThat(g6pd("Aachen", null)).contains("Deficient with CNSHA");
        assertThat(g6pd("A", null)).contains("Normal");
        // getrm-tutorial/outside_calls_from_get-rm.NA18861.txt: G6PD A-202A_376G, a class III (deficient) allele
        assertThat(k.function("G6PD", "A- 202A_376G")).get().extracting(AlleleFunction::function).isEqualTo("III/Deficient");
    }

    @Test
    void ryr1FollowsTheMhsRule() {
        // PharmCAT phenotype/RYR1.json (fork phonegor95/PharmCAT commit 1b371646): "Reference/c.38T>G" ->
        // Malignant Hyperthermia Susceptibility, "Reference/c.51_53del" (uncertain function) -> Uncertain Susceptibility.
        assertThat(k.phenotype("RYR1", "Reference", "c.38T>G")).get().extracting(PhenotypeRule::phenotype)
                .isEqualTo("Malignant Hyperthermia Susceptibility");
        assertThat(k.phenotype("RYR1", "c.51_53del", "Reference")).get().extracting(PhenotypeRule::phenotype)
                .isEqualTo("Uncertain Susceptibility");
        // The same rule is PharmCAT's published CACNA1S table (pharmcat/phenotype/CACNA1S.json): "Reference/c.520C>T"
        assertThat(k.phenotype("CACNA1S", "Reference", "c.520C>T")).get().extracting(PhenotypeRule::phenotype)
                .isEqualTo("Malignant Hyperthermia Susceptibility");
    }

    @Test
    void tablesCoverEveryDefinedAlleleAndSayTheyAreDerived() {
        for (String gene : List.of("G6PD", "RYR1")) {
            // pharmcat/docs/phenotypes.tsv lists the CPIC phenotypes of each gene
            Set<String> allowed = gene.equals("G6PD")
                    ? Set.of("Deficient", "Deficient with CNSHA", "Indeterminate", "Normal", "Variable")
                    : Set.of("Malignant Hyperthermia Susceptibility", "Uncertain Susceptibility");
            List<NamedAllele> alleles = k.namedAlleles(gene);
            assertThat(k.functions(PgxSource.CPIC, gene)).as(gene).hasSize(alleles.size());
            int n = alleles.size();
            List<PhenotypeRule> rules = k.phenotypeRules(PgxSource.CPIC, gene);
            assertThat(rules).as(gene + " rows").hasSize(n * (n + 1) / 2 + (gene.equals("G6PD") ? n : 0));
            Set<String> seen = new TreeSet<>();
            rules.forEach(r -> seen.add(r.phenotype()));
            assertThat(seen).as(gene + " phenotypes").isEqualTo(new TreeSet<>(allowed));
            assertThat(k.phenotypeDerivation(PgxSource.CPIC, gene)).get().asString().contains("CPIC", "PMID");
            assertThat(k.dataVersion().property("phenotypes.cpic.derived." + gene)).get().asString()
                    .contains("derived by permed", "not a PharmCAT table");
        }
        assertThat(k.phenotypeDerivation(PgxSource.CPIC, "CYP2C19")).isEmpty();
        assertThat(k.phenotype(PgxSource.DPWG, "G6PD", "A", "A")).isEmpty();
    }

    @Test
    void exampleOneNowReachesTheG6pdAndAnaestheticRecommendations() {
        // pharmcat/examples/pharmcat.example.report.json, "CPIC Guideline Annotation": G6PD Normal gives 8 drugs,
        // RYR1 and CACNA1S Uncertain Susceptibility give 7 anaesthetics.
        assertThat(cpicDrugs("G6PD", "Normal")).containsExactlyInAnyOrder("dapsone", "methylene blue", "nitrofurantoin", "pegloticase",
                "primaquine", "rasburicase", "tafenoquine", "toluidine blue");
        assertThat(cpicDrugs("RYR1", "Uncertain Susceptibility")).containsExactlyInAnyOrder("desflurane", "enflurane", "halothane",
                "isoflurane", "methoxyflurane", "sevoflurane", "succinylcholine");
    }

    private Optional<String> g6pd(String a1, String a2) {
        return k.phenotype("G6PD", a1, a2).map(PhenotypeRule::phenotype);
    }

    private Set<String> cpicDrugs(String gene, String phenotype) {
        Set<String> drugs = new TreeSet<>();
        for (Recommendation r : k.recommendationsForGene(gene)) {
            LookupKey key = r.lookupKeys().get(gene);
            if (r.guideline().source() == PgxSource.CPIC && key.kind() == LookupKey.Kind.PHENOTYPE && key.value().equals(phenotype)) {
                r.drugs().forEach(d -> drugs.add(d.toLowerCase(Locale.ROOT)));
            }
        }
        return drugs;
    }
}
