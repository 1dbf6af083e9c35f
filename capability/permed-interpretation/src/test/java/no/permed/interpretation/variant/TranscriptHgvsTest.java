package no.permed.interpretation.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HGVS c. input placed through the transcript-anchor table, checked against ClinVar's own VCF alleles.
 *
 * <p>Ground truth is {@code src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz}: every row with an HGVS c.
 * expression of the four ClinVar 2018 extracts (macarthur-lab/clinvar), with ClinVar's CHROM/POS/REF/ALT, values
 * unchanged (see the README there). The held-out test builds its own table without every fifth row of the two 750-row
 * files and asks for those rows; nothing is compared with values copied from permed's output.
 */
class TranscriptHgvsTest {
    private static final Path OBSERVATIONS = Path.of("src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz");
    private static final Path VCEP = Path.of("src/test/resources/vcep/comparison_criteria_custom.csv");
    private static final Pattern SITE = Pattern.compile("^(\\S+?:c\\.[-*]?\\d+(?:[-+]\\d+)?)");

    private static List<Row> rows;

    /** One observation row with its source file and line. */
    private record Row(String source, int line, TranscriptAnchors.Observation observation) {
        VariantKey expected() {
            return VariantKeys.of(observation.assembly(), observation.chromosome(), observation.position(), observation.reference(),
                    observation.alternate());
        }

        boolean substitution() {
            return observation.reference().length() == 1 && observation.alternate().length() == 1
                    && observation.hgvs().matches(".*:c\\.[-*]?\\d+(?:[-+]\\d+)?[ACGT]>[ACGT]");
        }

        String site() {
            Matcher matcher = SITE.matcher(observation.hgvs());
            return observation.assembly() + " " + (matcher.find() ? matcher.group(1) : observation.hgvs());
        }
    }

    @BeforeAll
    static void readObservations() throws IOException {
        rows = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(OBSERVATIONS))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("#")).toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0], Integer.parseInt(f[1]), new TranscriptAnchors.Observation(f[7], Assembly.parse(f[2]), f[3],
                        Integer.parseInt(f[4]), f[5], f[6])));
            }
        }
        assertThat(rows).hasSizeGreaterThan(2000);
        // the reader of the build script agrees with this one
        try (InputStream in = new GZIPInputStream(Files.newInputStream(OBSERVATIONS))) {
            assertThat(TranscriptAnchors.readObservations(in)).isEqualTo(rows.stream().map(Row::observation).toList());
        }
    }

    @Test
    void heldOutClinVarRowsAreResolvedToClinVarsOwnAlleleOrRefused() {
        // every fifth row of each 750-row file is held out; every row at the same transcript position and assembly
        // (in any file) is left out of the table too, so no held-out position is an anchor
        List<Row> heldOut = rows.stream().filter(row -> row.source().contains("750_rows") && row.line() % 5 == 0).toList();
        Set<String> heldOutSites = new HashSet<>();
        heldOut.forEach(row -> heldOutSites.add(row.site()));
        List<TranscriptAnchors.Observation> training = rows.stream().filter(row -> !heldOutSites.contains(row.site()))
                .map(Row::observation).toList();
        TranscriptAnchors anchors = TranscriptAnchors.fromObservations(training);

        int resolved = 0;
        int wrong = 0;
        Map<InterpretationErrorCode, Integer> refused = new TreeMap<>();
        List<String> wrongRows = new ArrayList<>();
        for (Row row : heldOut) {
            try {
                VariantKey key = HgvsGenomic.parse(row.observation().hgvs(), Optional.of(row.observation().assembly()), Optional.empty(),
                        anchors);
                resolved++;
                if (!key.equals(row.expected())) {
                    wrong++;
                    wrongRows.add(row.observation().hgvs() + " gave " + key + ", ClinVar " + row.expected());
                }
            } catch (PermedException e) {
                refused.merge((InterpretationErrorCode) e.errorCode(), 1, Integer::sum);
            }
        }
        System.out.printf("held-out ClinVar c. rows: %d, resolved %d (wrong %d), refused %s%n", heldOut.size(), resolved, wrong, refused);
        assertThat(wrongRows).as("held-out rows placed elsewhere than ClinVar has them").isEmpty();
        assertThat(resolved).as("some held-out positions lie inside runs known from other rows").isPositive();
        assertThat(refused.keySet()).isSubsetOf(InterpretationErrorCode.HGVS_NOT_RESOLVABLE, InterpretationErrorCode.REFERENCE_REQUIRED,
                InterpretationErrorCode.HGVS_NOT_SUPPORTED);
    }

    @Test
    void everyClinVarSubstitutionResolvesToItsOwnAlleleOnBothAssemblies() {
        TranscriptAnchors bundled = TranscriptAnchors.bundled();
        Map<Assembly, Integer> resolvedSubstitutions = new TreeMap<>();
        int indelsResolved = 0;
        Map<InterpretationErrorCode, Integer> indelsRefused = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            TranscriptAnchors.Observation observation = row.observation();
            try {
                VariantKey key = HgvsGenomic.parse(observation.hgvs(), Optional.of(observation.assembly()), Optional.empty(), bundled);
                if (!key.equals(row.expected())) {
                    wrong.add(row.source() + ":" + row.line() + " " + observation.hgvs() + " gave " + key + ", ClinVar " + row.expected());
                } else if (row.substitution()) {
                    resolvedSubstitutions.merge(observation.assembly(), 1, Integer::sum);
                } else {
                    indelsResolved++;
                }
            } catch (PermedException e) {
                if (row.substitution()) {
                    wrong.add(row.source() + ":" + row.line() + " " + observation.hgvs() + " refused: " + e.getMessage());
                } else {
                    indelsRefused.merge(code(e), 1, Integer::sum);
                }
            }
        }
        System.out.printf("ClinVar c. rows against the bundled table: substitutions resolved %s; other edits resolved %d, refused %s%n",
                resolvedSubstitutions, indelsResolved, indelsRefused);
        assertThat(wrong).isEmpty();
        long substitutions = rows.stream().filter(Row::substitution).count();
        assertThat(resolvedSubstitutions.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) substitutions);
        assertThat(resolvedSubstitutions).containsKeys(Assembly.GRCH37, Assembly.GRCH38);
        assertThat(indelsRefused.keySet()).isSubsetOf(InterpretationErrorCode.HGVS_NOT_RESOLVABLE, InterpretationErrorCode.REFERENCE_REQUIRED,
                InterpretationErrorCode.HGVS_NOT_SUPPORTED);
    }

    @Test
    void interpolationBetweenTwoClinVarAnchorsIsExact() {
        // ClinVar: NM_001289862.1:c.1243C>G is GRCh38 1:7809893 C>G and c.1250A>G is 1:7809900 A>G, 7 apart on both, so no
        // intron lies between and c.1246 is 1:7809896
        VariantKey key = HgvsGenomic.parse("NM_001289862.1:c.1246T>C", Optional.of(Assembly.GRCH38), Optional.empty());
        assertThat(key).isEqualTo(VariantKeys.of(Assembly.GRCH38, "1", 7809896, "T", "C"));
        assertThat(HgvsGenomic.parse("NM_001289862.1(PER3):c.1243C>G", Optional.of(Assembly.GRCH38), Optional.empty()))
                .isEqualTo(VariantKeys.of(Assembly.GRCH38, "1", 7809893, "C", "G"));
    }

    @Test
    void minusStrandTranscriptsAreComplementedAndReversed() {
        Row minus = rows.stream().filter(Row::substitution)
                .filter(row -> TranscriptAnchors.bundled().placement(transcript(row), row.observation().assembly()).orElseThrow().strand() < 0)
                .findFirst().orElseThrow();
        // ClinVar writes the c. bases on the transcript and REF/ALT on the genome: they are complements here
        String hgvs = minus.observation().hgvs();
        char written = hgvs.charAt(hgvs.length() - 3);
        assertThat(TranscriptAnchors.complement(written)).isEqualTo(minus.observation().reference().charAt(0));
        assertThat(HgvsGenomic.parse(hgvs, Optional.of(minus.observation().assembly()), Optional.empty())).isEqualTo(minus.expected());
    }

    @Test
    void badTranscriptInputGetsClearErrors() {
        Optional<Assembly> grch38 = Optional.of(Assembly.GRCH38);
        // syntax errors, named with the expression and where
        for (String bad : List.of("NM_001289862.1:c.1243c>g", "NM_001289862.1:c.1243C>", "NM_001289862.1:c.1243C>G;junk", "garbage",
                "NM_001289862.1:c.1243C>G extra", "NM_001289862.1:c.12x43C>G")) {
            assertThatThrownBy(() -> HgvsGenomic.parse(bad, grch38, Optional.empty()))
                    .as(bad)
                    .isInstanceOf(PermedException.class)
                    .hasMessageContaining(bad)
                    .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        }
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1243c>g", grch38, Optional.empty()))
                .hasMessageContaining("at character 22");
        String longText = "NC_000017.11:g.43045712_43045713ins" + "A".repeat(HgvsGenomic.MAX_LENGTH);
        assertThatThrownBy(() -> HgvsGenomic.parse(longText))
                .hasMessageContaining("at most " + HgvsGenomic.MAX_LENGTH)
                .satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(300))
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1243C>G;junk", grch38, Optional.empty()))
                .hasMessageContaining("';junk' follows a complete expression");

        // unknown transcript, other version, no version
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_999999.1:c.10A>G", grch38, Optional.empty()))
                .hasMessageContaining("NM_999999.1 is not in permed's transcript table")
                .hasMessageContaining("CHROM-POS-REF-ALT")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.2:c.1243C>G", grch38, Optional.empty()))
                .hasMessageContaining("NM_001289862.2 is not in permed's transcript table, which has NM_001289862.1")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862:c.1243C>G", grch38, Optional.empty()))
                .hasMessageContaining("without its version")
                .hasMessageContaining("NM_001289862.1")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));

        // outside the exactly known stretches, and an intronic offset from a position not known as an exon end
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.5A>G", grch38, Optional.empty()))
                .hasMessageContaining("c.5 of NM_001289862.1 on GRCh38 is not in permed's transcript table")
                .hasMessageContaining("c.1243_1250")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1246+2T>C", grch38, Optional.empty()))
                .hasMessageContaining("last base of an exon")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));

        // the reference base disagrees with ClinVar's (c.1243 is C)
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1243T>G", grch38, Optional.empty()))
                .hasMessageContaining("c.1243 of NM_001289862.1 is C")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.REFERENCE_MISMATCH));

        // the table has this transcript on both assemblies: the assembly must be named
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1243C>G", Optional.empty(), Optional.empty()))
                .hasMessageContaining("both GRCh37 and GRCh38")
                .satisfies(error -> assertThat(((PermedException) error).details()).containsEntry("field", "assembly"))
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));

        // a deletion needs bases the table does not hold
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.1246del", grch38, Optional.empty()))
                .hasMessageContaining("CHROM-POS-REF-ALT")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.REFERENCE_REQUIRED));
    }

    @Test
    void proteinRnaAndOtherFormsAreRefusedClearly() {
        assertThatThrownBy(() -> HgvsGenomic.parse("NP_001276791.1:p.Pro415Ala"))
                .hasMessageContaining("protein change")
                .hasMessageContaining("give the c. or g. expression")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        assertThatThrownBy(() -> HgvsGenomic.parse("NP_001276791.1:p.(Pro415Ala)"))
                .hasMessageContaining("protein change");
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:r.1243c>g"))
                .hasMessageContaining("RNA change")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.[1243C>G;1250A>G]", Optional.of(Assembly.GRCH38), Optional.empty()))
                .hasMessageContaining("2 changes in one allele")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_001289862.1:c.(1243C>G)", Optional.of(Assembly.GRCH38), Optional.empty()))
                .hasMessageContaining("predicted")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
        assertThatThrownBy(() -> HgvsGenomic.parse("NR_024540.1:n.100A>G"))
                .hasMessageContaining("non-coding")
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        // the mitochondrion's m. is genomic; m. on another chromosome is not
        assertThat(HgvsGenomic.parse("NC_012920.1:m.3243A>G", Optional.of(Assembly.GRCH38), Optional.empty()))
                .isEqualTo(VariantKeys.of(Assembly.GRCH38, "MT", 3243, "A", "G"));
        assertThatThrownBy(() -> HgvsGenomic.parse("NC_000017.11:m.100A>G"))
                .hasMessageContaining("not on the mitochondrial chromosome");
        assertThatThrownBy(() -> HgvsGenomic.parse("NC_000017.11:g.43045712_43045713inv"))
                .isInstanceOf(PermedException.class)
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_SUPPORTED));
    }

    @Test
    void theTableSurvivesWritingAndReading() throws IOException {
        TranscriptAnchors built = TranscriptAnchors.fromObservations(rows.stream().map(Row::observation).toList());
        StringWriter out = new StringWriter();
        built.write(out, List.of("test"));
        TranscriptAnchors read = TranscriptAnchors.read(new java.io.ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(built);
        // the bundled resource is this table: regenerate with src/build/make-transcript-anchors.sh when it is not
        assertThat(TranscriptAnchors.bundled()).isEqualTo(built);
    }

    @Test
    void contradictoryAnchorsLeaveTheTranscriptOut() {
        Assembly grch38 = Assembly.GRCH38;
        List<TranscriptAnchors.Observation> observations = List.of(
                new TranscriptAnchors.Observation("NM_000001.1:c.10A>G", grch38, "1", 1000, "A", "G"),
                // 5 apart on the transcript but 3 on the genome: impossible
                new TranscriptAnchors.Observation("NM_000001.1:c.15C>T", grch38, "1", 1003, "C", "T"),
                new TranscriptAnchors.Observation("NM_000002.1:c.10A>G", grch38, "2", 1000, "A", "G"),
                new TranscriptAnchors.Observation("NM_000002.1:c.20C>T", grch38, "2", 1010, "C", "T"),
                // an exon ends at c.20 (c.20+1), but c.25 follows c.20 without intron: impossible
                new TranscriptAnchors.Observation("NM_000002.1:c.20+1G>A", grch38, "2", 1011, "G", "A"),
                new TranscriptAnchors.Observation("NM_000002.1:c.25G>A", grch38, "2", 1015, "G", "A"),
                new TranscriptAnchors.Observation("NM_000003.1:c.10A>G", grch38, "3", 1000, "T", "C"),
                new TranscriptAnchors.Observation("NM_000003.1:c.12A>G", grch38, "3", 998, "T", "C"),
                // bases fit neither strand: dropped
                new TranscriptAnchors.Observation("NM_000003.1:c.14A>G", grch38, "3", 996, "C", "G"));
        TranscriptAnchors anchors = TranscriptAnchors.fromObservations(observations);
        assertThat(anchors.transcripts()).containsExactly("NM_000003.1");
        assertThat(anchors.notes()).anyMatch(note -> note.contains("1 whose bases fit neither strand"));
        assertThat(anchors.notes()).anyMatch(note -> note.startsWith("left out: NM_000001.1"));
        assertThat(anchors.notes()).anyMatch(note -> note.startsWith("left out: NM_000002.1"));
        // minus strand: c.11 lies between c.10 (3:1000) and c.12 (3:998), at 999, complemented
        assertThat(HgvsGenomic.parse("NM_000003.1:c.11G>A", Optional.empty(), Optional.empty(), anchors))
                .isEqualTo(VariantKeys.of(grch38, "3", 999, "C", "T"));
        // c.12+2 would need c.12 to be a known exon end
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_000003.1:c.12+2T>C", Optional.empty(), Optional.empty(), anchors))
                .hasMessageContaining("last base of an exon");
    }

    @Test
    void intronicOffsetsCountFromAKnownExonBoundary() {
        Assembly grch37 = Assembly.GRCH37;
        List<TranscriptAnchors.Observation> observations = List.of(
                new TranscriptAnchors.Observation("NM_000004.1:c.100G>A", grch37, "4", 5000, "G", "A"),
                new TranscriptAnchors.Observation("NM_000004.1:c.100+5T>C", grch37, "4", 5005, "T", "C"),
                new TranscriptAnchors.Observation("NM_000004.1:c.101-3A>G", grch37, "4", 5997, "A", "G"),
                new TranscriptAnchors.Observation("NM_000004.1:c.*3A>G", grch37, "4", 7003, "A", "G"));
        TranscriptAnchors anchors = TranscriptAnchors.fromObservations(observations);
        Optional<Assembly> none = Optional.empty();
        assertThat(HgvsGenomic.parse("NM_000004.1:c.100+1G>T", none, Optional.empty(), anchors))
                .isEqualTo(VariantKeys.of(grch37, "4", 5001, "G", "T"));
        assertThat(HgvsGenomic.parse("NM_000004.1:c.101-1G>T", none, Optional.empty(), anchors))
                .isEqualTo(VariantKeys.of(grch37, "4", 5999, "G", "T"));
        assertThat(HgvsGenomic.parse("NM_000004.1:c.101C>T", none, Optional.empty(), anchors))
                .isEqualTo(VariantKeys.of(grch37, "4", 6000, "C", "T"));
        assertThat(HgvsGenomic.parse("NM_000004.1:c.*3A>T", none, Optional.empty(), anchors))
                .isEqualTo(VariantKeys.of(grch37, "4", 7003, "A", "T"));
        // c.*N counts from the stop codon, whose c. number the table does not know: c.*2 is not placed from c.*3 alone
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_000004.1:c.*2A>T", none, Optional.empty(), anchors))
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        assertThatThrownBy(() -> HgvsGenomic.parse("NM_000004.1:c.99+1G>T", none, Optional.empty(), anchors))
                .satisfies(error -> assertThat(code(error)).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
    }

    @Test
    void clinGenExpertPanelVariantsOnGrch37() throws IOException {
        List<String> lines = Files.readAllLines(VCEP, StandardCharsets.UTF_8);
        int transcriptExpressions = 0;
        int resolved = 0;
        Map<InterpretationErrorCode, Integer> refused = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String variant = line.split(",", 2)[0].strip();
            // rows the upstream file comments out with '#' are not taken
            if (variant.startsWith("#") || !variant.contains(":c.")) {
                continue;
            }
            transcriptExpressions++;
            try {
                VariantKey key = HgvsGenomic.parse(variant, Optional.of(Assembly.GRCH37), Optional.empty());
                assertThat(key.assembly()).isEqualTo(Assembly.GRCH37);
                resolved++;
            } catch (PermedException e) {
                refused.merge((InterpretationErrorCode) e.errorCode(), 1, Integer::sum);
            }
        }
        System.out.printf("ClinGen expert-panel c. expressions on GRCh37: %d, resolved %d, refused %s%n", transcriptExpressions,
                resolved, refused);
        assertThat(transcriptExpressions).isGreaterThan(100);
        assertThat(refused.keySet()).isSubsetOf(InterpretationErrorCode.HGVS_NOT_RESOLVABLE, InterpretationErrorCode.REFERENCE_REQUIRED,
                InterpretationErrorCode.REFERENCE_MISMATCH, InterpretationErrorCode.HGVS_NOT_SUPPORTED);
    }

    private static String transcript(Row row) {
        return row.observation().hgvs().substring(0, row.observation().hgvs().indexOf(':'));
    }

    private static InterpretationErrorCode code(Throwable error) {
        return (InterpretationErrorCode) ((PermedException) error).errorCode();
    }
}
