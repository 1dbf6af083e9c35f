package no.permed.pgx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import no.permed.kernel.ErrorKind;
import no.permed.kernel.PermedException;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped knowledge against published facts. Each fact was checked in the source files
 * (../shared/data/pgx, see its README) before it was written down; the comment names where. This suite
 * never reads ../shared; {@link SharedDataTest} re-derives counts from the raw files with -Pshared-data.
 */
class PgxKnowledgeTest {
    /** The 19 genes called from VCF (issue 4). */
    static final List<String> VCF_GENES = List.of("ABCG2", "CACNA1S", "CFTR", "CYP2B6", "CYP2C19", "CYP2C9", "CYP3A4", "CYP3A5", "CYP4F2",
            "DPYD", "G6PD", "IFNL3", "NAT2", "NUDT15", "RYR1", "SLCO1B1", "TPMT", "UGT1A1", "VKORC1");
    /** Genes given as outside calls (issue 4). */
    static final List<String> OUTSIDE_GENES = List.of("CYP2D6", "HLA-A", "HLA-B", "MT-RNR1");

    private final PgxKnowledge k = PgxKnowledge.load();

    @Test
    void loadsOnceAndKnowsItsDataVersion() {
        assertThat(PgxKnowledge.load()).isSameAs(k);
        DataVersion v = k.dataVersion();
        // pharmcat/definition/alleles/*_translation.json: "version": "2025-11-05-00-25"
        assertThat(v.alleleDefinitions()).isEqualTo("2025-11-05-00-25");
        // pharmcat-v2.9.0/reporter/guidelines/*.json: "version": "2023-12-19-10-38"
        assertThat(v.recommendations()).isEqualTo("2023-12-19-10-38");
        assertThat(v.sourceSha256()).containsKey("pharmcat/definition/alleles/CYP2C19_translation.json")
                .allSatisfy((path, sha) -> assertThat(sha).matches("[0-9a-f]{64}"));
        assertThat(v.summary()).contains("2025-11-05-00-25");
    }

    @Test
    void allIssueGenesArePresent() {
        assertThat(k.genes()).containsKeys(VCF_GENES.toArray(String[]::new)).containsKeys(OUTSIDE_GENES.toArray(String[]::new));
        for (String g : VCF_GENES) {
            AlleleDefinition d = k.gene(g).definition().orElseThrow();
            assertThat(d.genomeBuild()).as(g).startsWith("GRCh38");
            assertThat(d.positions()).as(g).isNotEmpty();
            assertThat(k.namedAlleles(g)).as(g).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.referenceAllele().alleles()).as(g + " reference defines every position").hasSize(d.positions().size());
        }
        assertThat(k.gene("CYP2D6").definition()).isPresent();
        for (String g : List.of("HLA-A", "HLA-B")) {
            assertThat(k.gene(g).definition()).as(g).isEmpty();
            assertThat(k.namedAlleles(g)).isEmpty();
            assertThat(k.recommendationsForGene(g)).as(g).isNotEmpty();
        }
        // pharmcat/phenotype/MT_RNR1.json: "gene": "MT-RNR1" (haploid: one allele per "diplotype")
        assertThat(k.gene("MT-RNR1").phenotypeSources()).containsExactly(PgxSource.CPIC);
        assertThat(k.phenotype(PgxSource.CPIC, "MT-RNR1", "m.1555A>G", null)).get()
                .extracting(PhenotypeRule::phenotype).isEqualTo("increased risk of aminoglycoside-induced hearing loss");
    }

    @Test
    void cyp2c19Star2IsRs4244285() {
        // pharmcat/definition/alleles/CYP2C19_translation.json line 456: rs4244285 at 94781859, ref G, alts [A];
        // named allele *2 has "A" there (and PharmVar/dbSNP: NC_000010.11:g.94781859G>A).
        AlleleDefinition d = k.gene("CYP2C19").definition().orElseThrow();
        assertThat(d.chromosome()).isEqualTo("chr10");
        int index = d.positions().indexOf(d.position(94781859).orElseThrow());
        DefiningPosition p = d.positions().get(index);
        assertThat(p.rsid()).contains("rs4244285");
        assertThat(p.ref()).isEqualTo("G");
        assertThat(p.alts()).containsExactly("A");
        assertThat(d.namedAllele("*2").orElseThrow().alleleAt(index)).contains("A");
        // pharmcat/phenotype/CYP2C19.json line 5: "*2": "No function"; line 8098: *17 "Increased function"
        assertThat(k.function("CYP2C19", "*2")).get().extracting(AlleleFunction::function).isEqualTo("No function");
        assertThat(k.function("CYP2C19", "*17")).get().extracting(AlleleFunction::function).isEqualTo("Increased function");
        // CYP2C19_translation.json: *17 is rs12248560 (94761900 C>T)
        int i17 = d.positions().indexOf(d.position(94761900).orElseThrow());
        assertThat(d.positions().get(i17).rsid()).contains("rs12248560");
        assertThat(d.namedAllele("*17").orElseThrow().alleleAt(i17)).contains("T");
        // In this release the CYP2C19 reference named allele is *38, not *1 ("reference": true).
        assertThat(d.referenceAllele().name()).isEqualTo("*38");
    }

    @Test
    void dpydActivityValues() {
        // pharmcat/phenotype/DPYD.json line 43265: "c.1905+1G>A (*2A)", activityValue "0.0", "No function"
        AlleleFunction star2a = k.function("DPYD", "c.1905+1G>A (*2A)").orElseThrow();
        assertThat(star2a.activityValue()).contains("0.0");
        assertThat(star2a.function()).isEqualTo("No function");
        assertThat(k.function("DPYD", "Reference")).get().extracting(AlleleFunction::activityValue).isEqualTo(java.util.Optional.of("1.0"));
        assertThat(k.gene("DPYD").activityScore()).isTrue();
        // DPYD_translation.json: *2A is rs3918290, chr1:97450058 C>T (the gene is on the minus strand).
        AlleleDefinition d = k.gene("DPYD").definition().orElseThrow();
        int i = d.positions().indexOf(d.position(97450058).orElseThrow());
        assertThat(d.positions().get(i).rsid()).contains("rs3918290");
        assertThat(d.namedAllele("c.1905+1G>A (*2A)").orElseThrow().alleles()).containsExactly(java.util.Map.entry(i, "T"));
    }

    @Test
    void phenotypes() {
        // pharmcat/phenotype/CYP2C19.json line 56: "*1/*2" -> "Intermediate Metabolizer"
        assertThat(k.phenotype("CYP2C19", "*1", "*2")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Intermediate Metabolizer");
        assertThat(k.phenotype("CYP2C19", "*2", "*1")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Intermediate Metabolizer");
        assertThat(k.phenotype("CYP2C19", "*2", "*2")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Poor Metabolizer");
        // pharmcat/phenotype/TPMT.json line 75: "*1/*3A" -> "Intermediate Metabolizer"
        assertThat(k.phenotype("TPMT", "*1", "*3A")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Intermediate Metabolizer");
        // DPWG agrees for TPMT (pharmcat-v2.9.0/phenotype/dpwg/TPMT.json)
        assertThat(k.phenotype(PgxSource.DPWG, "TPMT", "*3A", "*1")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Intermediate Metabolizer");
    }

    @Test
    void cyp2c9ActivityScores() {
        // pharmcat/phenotype/CYP2C9.json line 171: "*1/*2" activityScore "1.5", Intermediate Metabolizer.
        PhenotypeRule s1s2 = k.phenotype("CYP2C9", "*1", "*2").orElseThrow();
        assertThat(s1s2.activityScore()).contains("1.5");
        assertThat(s1s2.lookupKey()).isEqualTo("1.5");
        assertThat(s1s2.phenotype()).isEqualTo("Intermediate Metabolizer");
        // Line 183: "*1/*3" has activityScore "1.0" (CPIC gives *3 the value 0, *2 the value 0.5),
        // not 1.5 as the issue's list of facts assumed.
        assertThat(k.phenotype("CYP2C9", "*1", "*3")).get().extracting(PhenotypeRule::activityScore).isEqualTo(java.util.Optional.of("1.0"));
        assertThat(k.function("CYP2C9", "*3")).get().extracting(AlleleFunction::activityValue).isEqualTo(java.util.Optional.of("0.0"));
        assertThat(k.phenotypeForActivityScore(PgxSource.CPIC, "CYP2C9", "1.50")).contains("Intermediate Metabolizer");
        assertThat(k.phenotypeForActivityScore(PgxSource.CPIC, "CYP2C9", "2.0")).contains("Normal Metabolizer");
        assertThat(k.phenotypeForActivityScore(PgxSource.CPIC, "CYP2C9", "0.5")).contains("Poor Metabolizer");
    }

    @Test
    void clopidogrelPoorMetabolizerAdvisesAnAlternative() {
        // pharmcat-v2.9.0/reporter/guidelines/CPIC_clopidogrel_and_CYP2C19.json line 229: PA166297572,
        // lookupKey CYP2C19 "Poor Metabolizer", population "CVI ACS PCI", Strong, alternateDrugAvailable true,
        // "Avoid clopidogrel if possible. Use prasugrel or ticagrelor ..."
        List<Recommendation> pm = k.recommendationsForDrug("Clopidogrel").stream()
                .filter(r -> r.source() == PgxSource.CPIC)
                .filter(r -> r.lookupKeys().get("CYP2C19").equals(new LookupKey("CYP2C19", LookupKey.Kind.PHENOTYPE, "Poor Metabolizer")))
                .toList();
        assertThat(pm).hasSize(3).allSatisfy(r -> assertThat(r.alternateDrugAdvised()).isTrue());
        Recommendation acs = pm.stream().filter(r -> r.id().equals("PA166297572")).findFirst().orElseThrow();
        assertThat(acs.population()).contains("CVI ACS PCI");
        assertThat(acs.classification()).contains("Strong");
        assertThat(acs.text()).startsWith("Avoid clopidogrel if possible. Use prasugrel or ticagrelor").doesNotContain("<p>");
        assertThat(acs.guideline().url()).startsWith("https://");
        assertThat(acs.guideline().name()).contains("clopidogrel");
    }

    @Test
    void lookupKindsAndIndexes() {
        // CYP2C9 CPIC recommendations are keyed on activity scores, HLA-B on allele status.
        assertThat(k.recommendationsForGene("CYP2C9")).anySatisfy(r -> assertThat(r.lookupKeys().get("CYP2C9").kind()).isEqualTo(LookupKey.Kind.ACTIVITY_SCORE));
        assertThat(k.recommendationsForGene("HLA-B")).anySatisfy(r -> assertThat(r.lookupKeys().get("HLA-B"))
                .isEqualTo(new LookupKey("HLA-B", LookupKey.Kind.ALLELE_STATUS, "*57:01 positive")));
        // pharmcat-v2.9.0/reporter/guidelines/DPWG_irinotecan_and_UGT1A1.json: lookupKey {"UGT1A1": {"*80+*28": 2.0}}
        assertThat(k.recommendationsForDrug("irinotecan")).anySatisfy(r -> assertThat(r.lookupKeys().get("UGT1A1"))
                .isEqualTo(new LookupKey("UGT1A1", LookupKey.Kind.DIPLOTYPE, "*80+*28/*80+*28")));
        assertThat(k.recommendations()).hasSize(2586);
        assertThat(k.recommendationsForDrug("paracetamol")).isEmpty();
        assertThat(k.drugs()).contains("clopidogrel", "warfarin", "codeine");
    }

    @Test
    void definitionsAreConsistent() {
        Set<Character> wobble = Set.of('R', 'Y', 'S', 'W', 'K', 'M', 'B', 'D', 'H', 'V', 'N');
        for (Gene g : k.genes().values()) {
            g.definition().ifPresent(d -> {
                for (NamedAllele a : d.namedAlleles()) {
                    a.alleles().forEach((i, allele) -> {
                        DefiningPosition p = d.positions().get(i);
                        boolean known = allele.equals(p.ref()) || p.alts().contains(allele)
                                || (allele.length() == 1 && wobble.contains(allele.charAt(0)));
                        assertThat(known).as(g.symbol() + " " + a.name() + " at " + p + ": " + allele).isTrue();
                    });
                }
            });
        }
        // UGT1A1 *28 is the TA repeat (TA)8, written VCF-style at the anchor base 233760233 (CPIC: TA(8)).
        AlleleDefinition ugt = k.gene("UGT1A1").definition().orElseThrow();
        DefiningPosition ta = ugt.position(233760233).orElseThrow();
        assertThat(ta.cpicToVcf()).containsEntry("TA(8)", "CATAT");
        assertThat(ugt.namedAllele("*28").orElseThrow().alleleAt(ugt.positions().indexOf(ta))).contains("CATAT");
        // CYP2C9 exemptions: extra position rs12777823 (warfarin)
        assertThat(k.gene("CYP2C9").definition().orElseThrow().exemptions().extraPositions())
                .anySatisfy(p -> assertThat(p.rsid()).contains("rs12777823"));
    }

    @Test
    void unknownNamesGiveClearErrors() {
        assertThatThrownBy(() -> k.gene("cyp2c19"))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PgxKnowledgeErrorCode.UNKNOWN_GENE);
                    assertThat(e.errorCode().code()).isEqualTo("PGX_KNOWLEDGE_UNKNOWN_GENE");
                    assertThat(e.errorCode().kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("'cyp2c19'").contains("CYP2C19");
                });
        assertThatThrownBy(() -> k.phenotype("CYP2C19", "*1", "*999"))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PgxKnowledgeErrorCode.UNKNOWN_ALLELE);
                    assertThat(e.getMessage()).contains("'*999'").contains("CYP2C19");
                });
        assertThatThrownBy(() -> k.function("NOPE1", "*1")).isInstanceOf(PermedException.class).hasMessageContaining("'NOPE1'");
        // Known allele, no CPIC function: CYP2C9 *76 is newer than the function table.
        assertThat(k.gene("CYP2C9").definition().orElseThrow().namedAllele("*76")).isPresent();
        assertThat(k.function("CYP2C9", "*76")).isEmpty();
        // Known gene, no CPIC table: CYP2D6 (only DPWG in the source).
        assertThat(k.phenotype("CYP2D6", "*1", "*4")).isEmpty();
        assertThat(k.phenotype(PgxSource.DPWG, "CYP2D6", "*1", "*4")).get().extracting(PhenotypeRule::phenotype).isEqualTo("Intermediate Metabolizer");
    }

    @Test
    void missingAndCorruptResources() {
        ClassLoader cl = getClass().getClassLoader();
        assertThatThrownBy(() -> PgxKnowledge.loadFrom(cl, "no/permed/pgx/knowledge/absent/"))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PgxKnowledgeErrorCode.RESOURCE_MISSING);
                    assertThat(e.errorCode().code()).isEqualTo("PGX_KNOWLEDGE_RESOURCE_MISSING");
                    assertThat(e.getMessage()).contains("no/permed/pgx/knowledge/absent/VERSION");
                });
        assertThatThrownBy(() -> PgxKnowledge.loadFrom(cl, "no/permed/pgx/knowledge/broken/"))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(PgxKnowledgeErrorCode.RESOURCE_CORRUPT);
                    assertThat(e.errorCode().kind()).isEqualTo(ErrorKind.INTERNAL);
                    assertThat(e.getMessage()).contains("no/permed/pgx/knowledge/broken/alleles-GRCh38.json.gz").contains("make-knowledge.py");
                });
    }

    @Test
    void loadsQuickly() {
        // A fresh, uncached read (the JIT is warm by now; the cold figure is logged by load()).
        long start = System.nanoTime();
        PgxKnowledge fresh = PgxKnowledge.loadFrom(getClass().getClassLoader(), PgxKnowledge.RESOURCE_BASE);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(fresh.genes()).hasSameSizeAs(k.genes());
        assertThat(ms).as("load time in ms (generous bound for a shared machine)").isLessThan(3000);
    }
}
