package no.permed.pgx.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.pgx.knowledge.AlleleDefinition;
import no.permed.pgx.knowledge.DefiningPosition;
import no.permed.pgx.knowledge.PgxKnowledge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller on tiny hand-written VCFs: every defining position of one gene is written 0/0 unless a test says otherwise. */
class PgxCallerTest {
    private static final int GRCH38_CHR10 = 133797422;
    private static final int GRCH37_CHR10 = 135534747;
    private static final int GRCH38_CHR8 = 145138636;

    private static PgxKnowledge knowledge;
    private static PgxCaller caller;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        knowledge = PgxKnowledge.load();
        caller = PgxCaller.create(knowledge);
    }

    private static AlleleDefinition definition(String gene) {
        return knowledge.gene(gene).definition().orElseThrow();
    }

    /** Writes a one-sample VCF of all positions of {@code gene}; {@code genotypes} maps position index → GT (ALT = first alt). */
    private Path vcf(String gene, int contigLength, Map<Integer, String> genotypes) throws IOException {
        AlleleDefinition definition = definition(gene);
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.2\n");
        text.append("##contig=<ID=").append(definition.chromosome()).append(",length=").append(contigLength).append(">\n");
        text.append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        text.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        List<DefiningPosition> positions = definition.positions();
        for (int i = 0; i < positions.size(); i++) {
            DefiningPosition p = positions.get(i);
            if (i > 0 && positions.get(i - 1).position() == p.position()) {
                continue;
            }
            String gt = genotypes.getOrDefault(i, "0/0");
            if (gt.equals("absent")) {
                continue;
            }
            text.append(definition.chromosome()).append('\t').append(p.position()).append("\t.\t").append(p.ref()).append('\t')
                    .append(p.alts().get(0)).append("\t.\tPASS\t.\tGT\t").append(gt).append('\n');
        }
        Path file = dir.resolve(gene + ".vcf");
        Files.writeString(file, text);
        return file;
    }

    private static int index(String gene, String rsid) {
        List<DefiningPosition> positions = definition(gene).positions();
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i).rsid().equals(Optional.of(rsid))) {
                return i;
            }
        }
        throw new IllegalArgumentException(rsid + " is not a position of " + gene);
    }

    private GeneCall call(Path file, String gene) {
        return caller.call(file, Optional.empty()).gene(gene).orElseThrow();
    }

    private static final int GRCH38_CHR1 = 248956422;

    @Test
    void aLargeFileIsCalledInParallelWithTheSameResultsAsOneSampleAtATime() throws IOException {
        // PharmCAT's 2-sample example widened to 40 columns (alternating the two), enough to match in parallel
        Path source = Path.of("src/test/resources/conformance/vcf/pharmcat/examples/multisample.vcf.gz");
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(source))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        StringBuilder wide = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("##")) {
                wide.append(line).append('\n');
                continue;
            }
            String[] fields = line.split("\t");
            StringBuilder row = new StringBuilder(String.join("\t", java.util.Arrays.copyOf(fields, 9)));
            for (int s = 0; s < 40; s++) {
                row.append('\t').append(line.startsWith("#") ? "S" + s : fields[9 + s % 2]);
            }
            wide.append(row).append('\n');
        }
        Path file = dir.resolve("wide.vcf");
        java.nio.file.Files.writeString(file, wide);
        Map<String, CallResult> all = caller.callAll(file);
        assertThat(all.keySet()).hasSize(40).startsWith("S0", "S1", "S2");
        for (String sample : List.of("S0", "S1", "S38", "S39")) {
            assertThat(all.get(sample)).isEqualTo(caller.call(file, Optional.of(sample)));
        }
        assertThat(all.get("S2")).isEqualTo(new CallResult("S2", all.get("S0").genes()));
    }

    @Test
    void dpydWithoutPhaseListsTheAllelesAndLooksUpTheTwoLowestFunctionOnes() throws IOException {
        // c.61C>T (rs72549310, no function), c.85T>C (*9A) (rs1801265, normal) and c.2846A>T (rs67376798, decreased)
        Path file = vcf("DPYD", GRCH38_CHR1, Map.of(index("DPYD", "rs72549310"), "0/1", index("DPYD", "rs1801265"), "1/1",
                index("DPYD", "rs67376798"), "0/1"));
        GeneCall call = call(file, "DPYD");
        assertThat(call.isHaplotypeList()).isTrue();
        assertThat(call.haplotypes()).containsExactly("c.61C>T", "c.85T>C (*9A)", "c.85T>C (*9A)", "c.2846A>T");
        assertThat(call.lookupDiplotypes()).containsExactly("c.61C>T/c.2846A>T");
        assertThat(call.diplotypes()).isEqualTo(call.lookupDiplotypes());
    }

    @Test
    void dpydPhasedCombinesTheAllelesOfEachChromosome() throws IOException {
        // HapB3 = intronic rs75017182 + exonic rs56038477 on the second chromosome, with c.2846A>T
        Path file = vcf("DPYD", GRCH38_CHR1, Map.of(index("DPYD", "rs75017182"), "0|1", index("DPYD", "rs56038477"), "0|1",
                index("DPYD", "rs67376798"), "0|1"));
        GeneCall call = call(file, "DPYD");
        assertThat(call.diplotypes()).containsExactly("Reference/[c.1129-5923C>G, c.1236G>A (HapB3) + c.2846A>T]");
        assertThat(call.lookupDiplotypes()).containsExactly("Reference/c.1129-5923C>G, c.1236G>A (HapB3)");
        assertThat(call.haplotypes()).isEmpty();
    }

    @Test
    void referenceSampleIsReferenceHomozygous() throws IOException {
        GeneCall call = call(vcf("CYP2C19", GRCH38_CHR10, Map.of()), "CYP2C19");
        assertThat(call.diplotypes()).containsExactly("*38/*38");
        assertThat(call.missingPositions()).isEmpty();
    }

    @Test
    void phasedHeterozygoteIsMatchedPerHaplotype() throws IOException {
        // *17 = rs12248560 T + rs3758581 G; *1 = reference + rs3758581 G
        Path file = vcf("CYP2C19", GRCH38_CHR10, Map.of(index("CYP2C19", "rs12248560"), "1|0", index("CYP2C19", "rs3758581"), "1|1"));
        GeneCall call = call(file, "CYP2C19");
        assertThat(call.diplotypes()).containsExactly("*1/*17");
        assertThat(call.phased()).isTrue();
    }

    @Test
    void unphasedCompoundHeterozygoteReportsTheTie() throws IOException {
        // NAT2: het at the *4 and *40 positions, unphased: *1/*7 (both on one chromosome) or *4/*40 (one each)
        AlleleDefinition nat2 = definition("NAT2");
        int four = nat2.namedAllele("*4").orElseThrow().alleles().firstKey();
        int forty = nat2.namedAllele("*40").orElseThrow().alleles().firstKey();
        GeneCall call = call(vcf("NAT2", GRCH38_CHR8, Map.of(four, "0/1", forty, "0/1")), "NAT2");
        assertThat(call.diplotypes()).containsExactly("*1/*7", "*4/*40");
        assertThat(call.phased()).isFalse();
        assertThat(call.warnings()).anyMatch(w -> w.contains("priority") && w.contains("*1/*7"));
    }

    @Test
    void unphasedCompoundHeterozygoteOfTwoAlleles() throws IOException {
        // *2 (its variants het) and *17 (rs12248560 het); both carry rs3758581 G, so that one is homozygous
        AlleleDefinition cyp2c19 = definition("CYP2C19");
        Map<Integer, String> genotypes = new java.util.HashMap<>();
        cyp2c19.namedAllele("*2").orElseThrow().alleles().forEach((index, allele) -> {
            if (!allele.equals("R") && !allele.equals(cyp2c19.positions().get(index).ref())) {
                genotypes.put(index, "0/1");
            }
        });
        genotypes.put(index("CYP2C19", "rs12248560"), "0/1");
        genotypes.put(index("CYP2C19", "rs3758581"), "1/1");
        GeneCall call = call(vcf("CYP2C19", GRCH38_CHR10, genotypes), "CYP2C19");
        assertThat(call.diplotypes()).containsExactly("*2/*17");
        assertThat(call.phased()).isFalse();
    }

    @Test
    void missingPositionIsReportedNotAssumedReference() throws IOException {
        int rs12248560 = index("CYP2C19", "rs12248560");
        for (String missing : List.of("./.", "absent")) {
            GeneCall call = call(vcf("CYP2C19", GRCH38_CHR10, Map.of(rs12248560, missing)), "CYP2C19");
            assertThat(call.missingPositions()).containsExactly("chr10:94761900 (rs12248560)");
            assertThat(call.diplotypes()).containsExactly("*38/*38");
        }
    }

    @Test
    void allPositionsMissingIsNoCall() throws IOException {
        Path file = dir.resolve("empty.vcf");
        Files.writeString(file, "##fileformat=VCFv4.2\n##contig=<ID=chr10,length=" + GRCH38_CHR10 + ">\n"
                + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        GeneCall call = call(file, "CYP2C19");
        assertThat(call.isNoCall()).isTrue();
        assertThat(call.missingPositions()).hasSize(definition("CYP2C19").positions().size());
    }

    @Test
    void wobbleCodeMatchesEitherBase() throws IOException {
        // CYP2C19 *2 has an IUPAC R at one position: both the reference and the alternate base fit it
        AlleleDefinition cyp2c19 = definition("CYP2C19");
        var star2 = cyp2c19.namedAllele("*2").orElseThrow().alleles();
        int wobble = star2.entrySet().stream().filter(e -> e.getValue().equals("R")).findFirst().orElseThrow().getKey();
        for (String atWobble : List.of("0/0", "1/1")) {
            Map<Integer, String> genotypes = new java.util.HashMap<>();
            star2.forEach((index, allele) -> {
                if (index != wobble) {
                    genotypes.put(index, allele.equals(cyp2c19.positions().get(index).ref()) ? "0/0" : "1/1");
                }
            });
            genotypes.put(wobble, atWobble);
            GeneCall call = call(vcf("CYP2C19", GRCH38_CHR10, genotypes), "CYP2C19");
            assertThat(call.diplotypes()).as("wobble position " + atWobble).containsExactly("*2/*2");
        }
    }

    @Test
    void gvcfReferenceBlockCountsAsReference() throws IOException {
        Path file = dir.resolve("block.g.vcf");
        Files.writeString(file, "##fileformat=VCFv4.2\n##contig=<ID=chr10,length=" + GRCH38_CHR10 + ">\n"
                + "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n"
                + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
                + "chr10\t94700000\t.\tA\t<NON_REF>\t.\tPASS\tEND=94900000\tGT\t0/0\n");
        GeneCall call = call(file, "CYP2C19");
        assertThat(call.missingPositions()).isEmpty();
        assertThat(call.diplotypes()).containsExactly("*38/*38");
    }

    @Test
    void grch37FileIsRefused() throws IOException {
        Path file = vcf("CYP2C19", GRCH37_CHR10, Map.of());
        assertThatThrownBy(() -> caller.call(file, Optional.empty()))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.errorCode()).isEqualTo(PgxErrorCode.ASSEMBLY_NOT_GRCH38))
                .hasMessageContaining("GRCh37")
                .hasMessageContaining("CYP2C19.vcf");
    }

    @Test
    void unknownSampleIsRefused() throws IOException {
        Path file = vcf("CYP2C19", GRCH38_CHR10, Map.of());
        assertThatThrownBy(() -> caller.call(file, Optional.of("nobody")))
                .isInstanceOfSatisfying(PermedException.class, e -> assertThat(e.errorCode()).isEqualTo(PgxErrorCode.SAMPLE_NOT_FOUND))
                .hasMessageContaining("S1");
    }

    @Test
    void callAllGivesEveryGene() throws IOException {
        Map<String, CallResult> all = caller.callAll(vcf("CYP2C19", GRCH38_CHR10, Map.of()));
        assertThat(all).containsOnlyKeys("S1");
        assertThat(all.get("S1").genes()).containsOnlyKeys(PgxCaller.GENES);
        assertThat(all.get("S1").gene("DPYD").orElseThrow().isNoCall()).isTrue();
    }

    /**
     * A cohort file is read once and each distinct set of genotypes at a gene is matched once (memoised, on all
     * cores from 32 samples): every sample must still get exactly the call it gets when it is called alone.
     */
    @Test
    void everySampleOfACohortGetsTheCallItGetsAlone() throws IOException {
        Path source = Path.of("src/test/resources/conformance/vcf/pharmcat/examples/multisample.vcf.gz");
        List<String> lines;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(source))) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        // 40 samples: PharmCAT's two example samples in turn; every fifth sample lacks the genotypes of every 7th record
        int samples = 40;
        StringBuilder text = new StringBuilder();
        int record = 0;
        for (String line : lines) {
            if (line.startsWith("##")) {
                text.append(line).append('\n');
                continue;
            }
            String[] cells = line.split("\t", -1);
            StringBuilder row = new StringBuilder(String.join("\t", java.util.Arrays.copyOf(cells, 9)));
            for (int k = 0; k < samples; k++) {
                String cell;
                if (line.startsWith("#")) {
                    cell = String.format("S%02d", k + 1);
                } else {
                    cell = k % 5 == 4 && record % 7 == 0 ? "./." : cells[9 + k % 2];
                }
                row.append('\t').append(cell);
            }
            text.append(row).append('\n');
            if (!line.startsWith("#")) {
                record++;
            }
        }
        Path vcf = dir.resolve("cohort.vcf");
        Files.writeString(vcf, text);

        Map<String, CallResult> all = caller.callAll(vcf);

        assertThat(all).hasSize(samples);
        for (Map.Entry<String, CallResult> sample : all.entrySet()) {
            assertThat(sample.getValue()).as(sample.getKey()).isEqualTo(caller.call(vcf, Optional.of(sample.getKey())));
        }
        assertThat(all.get("S01").genes()).isEqualTo(all.get("S03").genes());
        assertThat(all.get("S05").genes()).isNotEqualTo(all.get("S01").genes());   // the missing genotypes show
        assertThat(all.values().stream().map(CallResult::genes).distinct().count()).isEqualTo(4);
    }
}
