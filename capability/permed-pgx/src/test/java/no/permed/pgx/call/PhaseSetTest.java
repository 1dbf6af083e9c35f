package no.permed.pgx.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import no.permed.kernel.PermedException;
import no.permed.pgx.call.internal.AlleleNames;
import no.permed.pgx.knowledge.PgxKnowledge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FORMAT/PS (phase sets) on PharmCAT's own test VCFs. A variant of a file is written in the test with PS added to
 * chosen records; the expectation is PharmCAT's (from the file name or its DPYD table), or the caller's call on an
 * independent input: the same file with every {@code |} written as {@code /}.
 */
class PhaseSetTest {
    private static final Path HAPLOTYPE = Path.of("src/test/resources/conformance/vcf/pharmcat/test-data/haplotype");
    private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
    private static final String PS_HEADER = "##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set\">";

    private static PgxCaller caller;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        caller = PgxCaller.create(PgxKnowledge.load());
    }

    /** Assigns a PS value to one sample's genotype on one record (by POS); null writes no PS for that record. */
    @FunctionalInterface
    private interface PhaseSets {
        String of(int position, int sample);
    }

    /** The file with FORMAT/PS declared and added to every record where {@code sets} gives a value for some sample. */
    private static String withPhaseSets(String vcf, PhaseSets sets) {
        StringBuilder out = new StringBuilder();
        for (String line : vcf.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#CHROM")) {
                out.append(PS_HEADER).append('\n').append(line).append('\n');
                continue;
            }
            if (line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            String[] columns = line.split("\t", -1);
            int position = Integer.parseInt(columns[1]);
            boolean any = false;
            for (int s = 0; s + 9 < columns.length; s++) {
                any |= sets.of(position, s) != null;
            }
            if (any) {
                columns[8] = columns[8] + ":PS";
                for (int s = 0; s + 9 < columns.length; s++) {
                    String ps = sets.of(position, s);
                    columns[9 + s] = columns[9 + s] + ":" + (ps == null ? "." : ps);
                }
            }
            out.append(String.join("\t", columns)).append('\n');
        }
        return out.toString();
    }

    /** The file with every phased genotype written unphased ({@code 1|0} → {@code 1/0}): an independent input. */
    private static String unphased(String vcf) {
        StringBuilder out = new StringBuilder();
        for (String line : vcf.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            String[] columns = line.split("\t", -1);
            for (int s = 9; s < columns.length; s++) {
                int colon = columns[s].indexOf(':');
                String gt = colon < 0 ? columns[s] : columns[s].substring(0, colon);
                columns[s] = gt.replace('|', '/') + (colon < 0 ? "" : columns[s].substring(colon));
            }
            out.append(String.join("\t", columns)).append('\n');
        }
        return out.toString();
    }

    /** A file with the columns of {@code samples} named {@code names}, each copied from the same one-sample file. */
    private static String copiesOfTheSample(String vcf, List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String line : vcf.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("##")) {
                out.append(line).append('\n');
                continue;
            }
            String[] columns = line.split("\t", -1);
            List<String> row = new ArrayList<>(List.of(columns).subList(0, 9));
            for (String name : names) {
                row.add(line.startsWith("#") ? name : columns[9]);
            }
            out.append(String.join("\t", row)).append('\n');
        }
        return out.toString();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private GeneCall call(Path file, String gene) {
        return caller.call(file, Optional.empty()).gene(gene).orElseThrow();
    }

    private static String warning(String gene, int sets) {
        return "the phased genotypes of " + gene + " are in " + sets
                + " phase sets (FORMAT/PS), which are not in phase with each other: called as unphased";
    }

    private static GeneCall withWarning(GeneCall call, String warning) {
        List<String> warnings = new ArrayList<>(call.warnings());
        warnings.add(warning);
        return new GeneCall(call.gene(), call.diplotypes(), call.missingPositions(), warnings, call.phased(), call.matchScore(),
                call.lookupDiplotypes(), call.haplotypes(), call.variantsOfInterest());
    }

    // ---- CYP3A5 s3s9: PharmCAT's expectation by file name, *3/*9 (rs776746 1|0, rs28383479 0|1) ----------------------

    @Test
    void cyp3a5OnePhaseSetGivesThePhasedCallWhichIsPharmCATs() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("cyp3a5/s3s9.vcf"));
        GeneCall phased = call(write("phased.vcf", original), "CYP3A5");
        assertThat(phased.diplotypes()).containsExactly("*3/*9");
        assertThat(phased.phased()).isTrue();

        GeneCall onePhaseSet = call(write("one.vcf", withPhaseSets(original, (position, sample) -> "99660516")), "CYP3A5");
        assertThat(onePhaseSet).isEqualTo(phased);
    }

    @Test
    void cyp3a5TwoPhaseSetsGiveTheUnphasedCallAndAWarning() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("cyp3a5/s3s9.vcf"));
        GeneCall unphased = call(write("unphased.vcf", unphased(original)), "CYP3A5");
        assertThat(unphased.phased()).isFalse();

        String split = withPhaseSets(original, (position, sample) -> position < 99665000 ? "99652613" : "99672916");
        GeneCall called = call(write("split.vcf", split), "CYP3A5");
        assertThat(called).isEqualTo(withWarning(unphased, warning("CYP3A5", 2)));
        assertThat(called.diplotypes()).containsExactly("*3/*9");
    }

    // ---- UGT1A1 s1s60s80s6phased: *80 and *6 on one chromosome (1|0, 1|0); phase changes the call -----------------

    @Test
    void ugt1a1SplitPhaseSetsNoLongerPutBothVariantsOnOneChromosome() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        GeneCall phased = call(write("phased.vcf", original), "UGT1A1");
        GeneCall unphased = call(write("unphased.vcf", unphased(original)), "UGT1A1");
        assertThat(phased.diplotypes()).as("the test needs a file whose call depends on phase").isNotEqualTo(unphased.diplotypes());
        assertThat(unphased.diplotypes()).containsExactly("*6/*80");

        GeneCall onePhaseSet = call(write("one.vcf", withPhaseSets(original, (position, sample) -> "233759924")), "UGT1A1");
        assertThat(onePhaseSet).isEqualTo(phased);

        // rs887829 (233759924) and rs4148323 (233760498) in different phase sets
        String split = withPhaseSets(original, (position, sample) -> position < 233760000 ? "233757013" : "233760233");
        GeneCall called = call(write("split.vcf", split), "UGT1A1");
        assertThat(called).isEqualTo(withWarning(unphased, warning("UGT1A1", 2)));

        // the same from a gzip-compressed file
        Path gz = dir.resolve("split.vcf.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(split.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(call(gz, "UGT1A1")).isEqualTo(called);
    }

    @Test
    void aPhasedHeterozygoteWithoutPhaseSetBesideOneWithIsASecondSet() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        GeneCall unphased = call(write("unphased.vcf", unphased(original)), "UGT1A1");
        String mixed = withPhaseSets(original, (position, sample) -> position == 233760498 ? "233760498" : null);
        assertThat(call(write("mixed.vcf", mixed), "UGT1A1")).isEqualTo(withWarning(unphased, warning("UGT1A1", 2)));
    }

    @Test
    void psDeclaredButOnlyOnHomozygousCallsChangesNothing() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        GeneCall phased = call(write("phased.vcf", original), "UGT1A1");
        // PS on the homozygous records only, each its own set: homozygous calls do not matter for phase
        String homozygous = withPhaseSets(original,
                (position, sample) -> position == 233757013 || position == 233760233 ? Integer.toString(position) : null);
        assertThat(call(write("hom.vcf", homozygous), "UGT1A1")).isEqualTo(phased);
        // PS declared in the header, no record carries it
        String declaredOnly = original.replace("#CHROM", PS_HEADER + "\n#CHROM");
        assertThat(call(write("declared.vcf", declaredOnly), "UGT1A1")).isEqualTo(phased);
    }

    // ---- (c) several samples: only the sample with split phase sets changes ----------------------------------------

    @Test
    void onlyTheSampleWithSplitPhaseSetsIsCalledUnphased() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        GeneCall phased = call(write("phased.vcf", original), "UGT1A1");
        GeneCall unphased = call(write("unphased.vcf", unphased(original)), "UGT1A1");
        Map<String, CallResult> alone = caller.callAll(write("alone.vcf", original));

        String three = copiesOfTheSample(original, List.of("ONE_SET", "SPLIT", "NO_PS"));
        // ONE_SET: both variants in set 1; SPLIT: rs887829 in set 1, rs4148323 in set 2; NO_PS: "." everywhere
        String withSets = withPhaseSets(three, (position, sample) -> switch (sample) {
            case 0 -> "1";
            case 1 -> position < 233760000 ? "1" : "2";
            default -> null;
        });
        Map<String, CallResult> results = caller.callAll(write("three.vcf", withSets));
        assertThat(results.keySet()).containsExactly("ONE_SET", "SPLIT", "NO_PS");
        assertThat(results.get("ONE_SET").gene("UGT1A1").orElseThrow()).isEqualTo(phased);
        assertThat(results.get("NO_PS").gene("UGT1A1").orElseThrow()).isEqualTo(phased);
        assertThat(results.get("SPLIT").gene("UGT1A1").orElseThrow()).isEqualTo(withWarning(unphased, warning("UGT1A1", 2)));
        // every other gene of every sample is what the sample gets without phase sets
        for (CallResult result : results.values()) {
            for (GeneCall gene : result.genes().values()) {
                if (!gene.gene().equals("UGT1A1")) {
                    assertThat(gene).isEqualTo(alone.get("SAMPLE").gene(gene.gene()).orElseThrow());
                }
            }
        }
    }

    // ---- DPYD: PharmCAT's HapB3 table gives the phased and the unphased expectation of the same genotypes ----------

    @Test
    void dpydHapB3SplitOverTwoPhaseSetsGetsPharmCATsUnphasedAlleleList() throws IOException {
        Map<String, String[]> rows = new java.util.HashMap<>();
        List<String> expected = Files.readAllLines(CONFORMANCE.resolve("expected.tsv"));
        for (String line : expected.subList(1, expected.size())) {
            String[] columns = line.split("\t", -1);
            rows.put(columns[0], columns);
        }
        String[] phasedRow = rows.get("DPYD-hapb3.line009.phased");
        String[] unphasedRow = rows.get("DPYD-hapb3.line009.unphased");
        // one sample column of the synthetic file built from PharmCAT's hapb3.tsv: the phased genotypes of line 9
        String vcf;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CONFORMANCE.resolve("vcf/synthetic/DPYD/hapb3.vcf.gz")))) {
            vcf = oneSample(new String(in.readAllBytes(), StandardCharsets.UTF_8), phasedRow[2]);
        }
        List<Integer> heterozygous = new ArrayList<>();
        for (String line : vcf.split("\n")) {
            if (!line.startsWith("#")) {
                String[] columns = line.split("\t");
                if (columns[9].equals("0|1") || columns[9].equals("1|0")) {
                    heterozygous.add(Integer.parseInt(columns[1]));
                }
            }
        }
        assertThat(heterozygous).as("line 9 is heterozygous at the exonic and the intronic HapB3 site").hasSize(2);

        GeneCall phased = call(write("phased.vcf", vcf), "DPYD");
        assertThat(phased.diplotypes()).containsExactly(phasedRow[4]);
        GeneCall onePhaseSet = call(write("one.vcf", withPhaseSets(vcf, (position, sample) -> "7")), "DPYD");
        assertThat(onePhaseSet).isEqualTo(phased);

        String split = withPhaseSets(vcf, (position, sample) -> heterozygous.contains(position) ? Integer.toString(position) : null);
        GeneCall called = call(write("split.vcf", split), "DPYD");
        List<String> want = new ArrayList<>(List.of(unphasedRow[9].split(" ; ")));
        want.sort(AlleleNames.NATURAL);
        List<String> got = new ArrayList<>(called.haplotypes());
        got.sort(AlleleNames.NATURAL);
        assertThat(got).as("PharmCAT's unphased allele list").isEqualTo(want);
        assertThat(called.lookupDiplotypes()).containsExactly(unphasedRow[8]);
        assertThat(called.warnings()).contains(warning("DPYD", 2));
        assertThat(called).isEqualTo(withWarning(call(write("unphased.vcf", unphased(vcf)), "DPYD"), warning("DPYD", 2)));
    }

    private static String oneSample(String vcf, String sample) {
        StringBuilder out = new StringBuilder();
        int column = -1;
        for (String line : vcf.split("\n")) {
            if (line.startsWith("##")) {
                out.append(line).append('\n');
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (line.startsWith("#")) {
                column = List.of(columns).indexOf(sample);
                assertThat(column).as(sample + " is a column").isGreaterThan(8);
            }
            out.append(String.join("\t", List.of(columns).subList(0, 9))).append('\t').append(columns[column]).append('\n');
        }
        return out.toString();
    }

    // ---- PharmCAT's own phase-set test file -------------------------------------------------------------------------

    @Test
    void pharmcatsPhaseSetFileHasTwoSetsInCyp2b6ForItsPhasedSample() throws IOException {
        Path file = HAPLOTYPE.resolve("VcfReaderTest-phaseSet.vcf");
        Map<String, CallResult> results = caller.callAll(file);
        Map<String, CallResult> unphased = caller.callAll(write("unphased.vcf", unphased(Files.readString(file))));
        // Sample_1: 0|1 and 1|0 in set 40991224, 0|1 and 1|0 in set 40991388
        assertThat(results.get("Sample_1").gene("CYP2B6").orElseThrow())
                .isEqualTo(withWarning(unphased.get("Sample_1").gene("CYP2B6").orElseThrow(), warning("CYP2B6", 2)));
        // Sample_2 carries PS too, but its genotypes are unphased (0/1): nothing to say about phase sets
        assertThat(results.get("Sample_2").gene("CYP2B6").orElseThrow().warnings()).noneMatch(w -> w.contains("phase set"));
    }

    // ---- PS is read with GT, declared or not --------------------------------------------------------------------------

    @Test
    void phaseSetsCountAlsoWhenTheHeaderDoesNotDeclarePs() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        GeneCall unphased = call(write("unphased.vcf", unphased(original)), "UGT1A1");
        String split = withPhaseSets(original, (position, sample) -> position < 233760000 ? "233757013" : "233760233")
                .replace(PS_HEADER + "\n", "");
        assertThat(split).doesNotContain("ID=PS").contains(":PS\t");
        assertThat(call(write("undeclared.vcf", split), "UGT1A1")).isEqualTo(withWarning(unphased, warning("UGT1A1", 2)));
    }

    @Test
    void aPhaseSetThatIsNotAnIntegerIsAnErrorNamingFileLineAndSample() throws IOException {
        String original = Files.readString(HAPLOTYPE.resolve("UGT1A1/s1s60s80s6phased.vcf"));
        String bad = withPhaseSets(original, (position, sample) -> position < 233760000 ? "1" : "block-2");
        Path file = write("bad-ps.vcf", bad);
        List<String> lines = Files.readAllLines(file);
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.contains(":block-2")).findFirst().orElseThrow());
        assertThatThrownBy(() -> caller.call(file, Optional.empty()))
                .isInstanceOfSatisfying(PermedException.class, e -> {
                    assertThat(e.errorCode().code()).isEqualTo("VCF_INVALID_FORMAT");
                    assertThat(e.getMessage()).startsWith("bad-ps.vcf, line " + line + ", PS of sample ").doesNotContain("block-2");
                });
    }
}
