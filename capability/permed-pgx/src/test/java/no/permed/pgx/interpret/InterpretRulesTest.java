package no.permed.pgx.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.permed.pgx.call.CallResult;
import no.permed.pgx.call.GeneCall;
import no.permed.pgx.knowledge.PgxKnowledge;
import no.permed.pgx.knowledge.PgxSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpretation rules on small inputs. Expected values are read from the knowledge's own tables (CPIC/DPWG), or
 * are CPIC's published rules (an activity score is the sum of the allele activity values).
 */
class InterpretRulesTest {
    private static PgxKnowledge knowledge;
    private static PgxInterpreter interpreter;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        knowledge = PgxKnowledge.load();
        interpreter = PgxInterpreter.create(knowledge);
    }

    private OutsideCalls outside(String content) throws IOException {
        Path file = dir.resolve("outside.tsv");
        Files.writeString(file, content);
        return OutsideCalls.parse(file, knowledge);
    }

    private static CallResult calls(GeneCall... genes) {
        Map<String, GeneCall> map = new LinkedHashMap<>();
        for (GeneCall g : genes) {
            map.put(g.gene(), g);
        }
        return new CallResult("S1", map);
    }

    @Test
    void tiedDiplotypesAreAllInterpretedAndTheirRecommendationsMarked() {
        GeneCall tie = new GeneCall("CYP2C19", List.of("*1/*2", "*2/*2"), List.of("chr10:94761900 (rs12248560)"), List.of("tie"), false, 40);
        PgxReport report = interpreter.interpret(calls(tie), OutsideCalls.none());
        GeneResult gene = report.gene("CYP2C19").orElseThrow();
        String im = knowledge.phenotype("CYP2C19", "*1", "*2").orElseThrow().phenotype();
        String pm = knowledge.phenotype("CYP2C19", "*2", "*2").orElseThrow().phenotype();
        assertThat(gene.sourceDiplotypes()).extracting(Diplotype::phenotype).containsExactly(java.util.Optional.of(im), java.util.Optional.of(pm));
        assertThat(gene.missingPositions()).containsExactly("chr10:94761900 (rs12248560)");
        assertThat(gene.warnings()).contains("tie");
        List<DrugRecommendation> clopidogrel = report.recommendations().stream()
                .filter(r -> r.drug().equals("clopidogrel") && r.source() == PgxSource.CPIC).toList();
        assertThat(clopidogrel).isNotEmpty().allMatch(DrugRecommendation::tiedCall);
        assertThat(clopidogrel).extracting(r -> r.diplotypes().get("CYP2C19")).contains("*1/*2", "*2/*2");
        assertThat(clopidogrel).extracting(r -> r.genotype().get("CYP2C19")).contains(im, pm);
    }

    @Test
    void unphasedDpydIsLookedUpWithItsTwoLowestFunctionAlleles() {
        // PharmCAT's DPYD/hapb3.tsv line 26, unphased: three alleles found; the lookup is the two lowest-function ones
        GeneCall dpyd = new GeneCall("DPYD", List.of("c.61C>T/c.1129-5923C>G"), List.of(), List.of(), false, 10,
                List.of("c.61C>T/c.1129-5923C>G"), List.of("c.61C>T", "c.1129-5923C>G", "c.1129-5923C>G, c.1236G>A (HapB3)"), List.of());
        GeneResult result = interpreter.interpret(calls(dpyd), OutsideCalls.none()).gene("DPYD").orElseThrow();
        assertThat(result.sourceDiplotypes()).extracting(Diplotype::label)
                .containsExactly("c.61C>T + c.1129-5923C>G + c.1129-5923C>G, c.1236G>A (HapB3)");
        assertThat(result.recommendationDiplotypes()).extracting(Diplotype::label).containsExactly("c.61C>T/c.1129-5923C>G");
        // CPIC DPYD: c.61C>T no function (0), c.1129-5923C>G decreased function (0.5): activity score 0.5, Poor Metabolizer
        Diplotype lookup = result.recommendationDiplotypes().get(0);
        assertThat(lookup.activityScore()).contains("0.5");
        assertThat(lookup.phenotype()).contains("Poor Metabolizer");
        assertThat(result.sourceDiplotypes().get(0).phenotype()).isEqualTo(lookup.phenotype());
    }

    @Test
    void anOutsideCallReplacesTheVcfCallWithAWarning() throws IOException {
        GeneCall vcf = new GeneCall("CYP2C19", List.of("*1/*1"), List.of(), List.of(), true, 70);
        PgxReport report = interpreter.interpret(calls(vcf), outside("CYP2C19\t*2/*2\n"));
        GeneResult gene = report.gene("CYP2C19").orElseThrow();
        assertThat(gene.outsideCall()).isTrue();
        assertThat(gene.matchScore()).isZero();
        assertThat(gene.sourceDiplotypes()).extracting(Diplotype::label).containsExactly("*2/*2");
        assertThat(report.warnings()).anyMatch(w -> w.contains("CYP2C19") && w.contains("replaces"));
        assertThat(gene.warnings()).anyMatch(w -> w.contains("replaces"));
    }

    @Test
    void phenotypeAndActivityScoreOnlyOutsideCallsFindRecommendations() throws IOException {
        PgxReport report = interpreter.interpret(calls(), outside("HLA-B\t\t*57:01 positive\nCYP2C9\t\t\t2.0\n"));
        Diplotype hla = report.gene("HLA-B").orElseThrow().sourceDiplotypes().get(0);
        assertThat(hla.first()).isEmpty();
        assertThat(hla.phenotype()).contains("*57:01 positive");
        assertThat(report.recommendations()).anyMatch(r -> r.drug().equals("abacavir") && r.source() == PgxSource.CPIC
                && r.genotype().get("HLA-B").equals("*57:01 positive") && r.alternateDrugAdvised());
        Diplotype cyp2c9 = report.gene("CYP2C9").orElseThrow().sourceDiplotypes().get(0);
        assertThat(cyp2c9.activityScore()).contains("2.0");
        assertThat(cyp2c9.phenotype()).isEqualTo(knowledge.phenotypeForActivityScore(PgxSource.CPIC, "CYP2C9", "2.0"));
        assertThat(report.recommendations()).anyMatch(r -> r.drug().equals("celecoxib") && r.genotype().get("CYP2C9").equals("2.0"));
    }

    @Test
    void hlaAllelesGiveAlleleStatusesAndMissingGenesMatchNoResult() throws IOException {
        PgxReport report = interpreter.interpret(calls(), outside("HLA-B\t*58:01/*44:03\n"));
        assertThat(report.gene("HLA-B").orElseThrow().sourceDiplotypes().get(0).phenotype().orElseThrow())
                .contains("*58:01 positive").contains("*57:01 negative").contains("*15:02 negative");
        assertThat(report.recommendations()).anyMatch(r -> r.drug().equals("allopurinol") && r.source() == PgxSource.CPIC
                && r.genotype().get("HLA-B").equals("*58:01 positive"));
        // HLA-A was neither called nor given: CPIC carbamazepine's "HLA-A No Result" recommendations apply.
        assertThat(report.recommendations()).anyMatch(r -> r.drug().equals("carbamazepine") && r.source() == PgxSource.CPIC
                && "No Result".equals(r.genotype().get("HLA-A")) && r.genotype().get("HLA-B").equals("*15:02 negative"));
    }

    @Test
    void cyp2d6TandemNotInTheTableGetsTheSumOfItsPartsActivityValues() throws IOException {
        // GeT-RM NA18526: *1/*36x2+*10. Activity value *36x2+*10 = value(*36x2) + value(*10) from the DPWG table.
        PgxReport report = interpreter.interpret(calls(), outside("CYP2D6\t*1/*36x2+*10\n"));
        Diplotype d = report.gene("CYP2D6").orElseThrow().sourceDiplotypes().get(0);
        java.math.BigDecimal tandem = value("*36x2").add(value("*10"));
        java.math.BigDecimal total = value("*1").add(tandem);
        assertThat(new java.math.BigDecimal(d.second().orElseThrow().activityValue().orElseThrow())).isEqualByComparingTo(tandem);
        assertThat(new java.math.BigDecimal(d.activityScore().orElseThrow())).isEqualByComparingTo(total);
        assertThat(d.phenotype()).isEqualTo(knowledge.phenotypeForActivityScore(PgxSource.DPWG, "CYP2D6", total.toPlainString()));
        assertThat(d.phenotype()).isPresent();
    }

    private static java.math.BigDecimal value(String allele) {
        return knowledge.function(PgxSource.DPWG, "CYP2D6", allele).orElseThrow().numericActivityValue().orElseThrow();
    }

    @Test
    void noCallGenesHaveNoDiplotypes() {
        PgxReport report = interpreter.interpret(calls(new GeneCall("TPMT", List.of(), List.of("chr6:18130687 (rs1142345)"), List.of(), false),
                new GeneCall("NUDT15", List.of("*1/*1"), List.of(), List.of(), false, 36)), OutsideCalls.none());
        assertThat(report.gene("TPMT").orElseThrow().isNoCall()).isTrue();
        List<DrugRecommendation> tpmt = report.recommendations().stream().filter(r -> r.genotype().containsKey("TPMT")).toList();
        assertThat(tpmt).isNotEmpty().allMatch(r -> r.genotype().get("TPMT").equals("No Result"));
        assertThat(report.dataVersion()).isEqualTo(knowledge.dataVersion().summary());
        assertThat(report.sample()).isEqualTo("S1");
    }
}
