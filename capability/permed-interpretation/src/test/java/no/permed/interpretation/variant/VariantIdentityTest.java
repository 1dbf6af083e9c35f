package no.permed.interpretation.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.ReferenceSequence;
import no.permed.vcf.normalise.VariantKey;
import org.junit.jupiter.api.Test;

/**
 * Variant identity: sha512t24u against the GA4GH test vectors, the VRS 2.0 allele identifier against the specification's
 * rs7412 example, genomic HGVS against the left-aligned ClinVar GRCh38 alleles of {@code src/test/resources/clinvar-2018},
 * and the clear errors for transcript HGVS from the ClinGen expert-panel file that permed's transcript table cannot place.
 */
class VariantIdentityTest {
    private static final Path CLINVAR = Path.of("src/test/resources/clinvar-2018/clinvar_alleles_750.b38.columns.tsv");

    @Test
    void sha512t24uMatchesTheGa4ghTestVectors() {
        // VRS specification, "Computed Identifiers": sha512t24u(b"") and sha512t24u(b"ACGT")
        assertThat(VrsIdentifier.sha512t24u(new byte[0])).isEqualTo("z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXc");
        assertThat(VrsIdentifier.sha512t24u("ACGT".getBytes(StandardCharsets.US_ASCII))).isEqualTo("aKF498dAxcJAqme6QYQ7EZ07-fiw8Kw2");
    }

    @Test
    void vrsAlleleIdentifierOfTheSpecificationExample() {
        // rs7412, NC_000019.10:g.44908822C>T; VRS 2.0 example allele ga4gh:VA.0AePZIWZUNsUlQTamyLrjm2HWUw2opLt
        VariantKey key = HgvsGenomic.parse("NC_000019.10:g.44908822C>T");
        assertThat(key).hasToString("GRCh38-19-44908822-C-T");
        assertThat(VrsIdentifier.of(key)).isEqualTo("ga4gh:VA.0AePZIWZUNsUlQTamyLrjm2HWUw2opLt");
        assertThat(VrsIdentifier.of(VariantKeys.parse("chr19-44908822-c-t", Assembly.GRCH38))).isEqualTo(VrsIdentifier.of(key));
    }

    @Test
    void grch37AndGrch38AreKeptApart() {
        VariantKey grch38 = HgvsGenomic.parse("NC_000017.11:g.43045712G>A");
        VariantKey grch37 = HgvsGenomic.parse("NC_000017.10:g.43045712G>A");
        assertThat(grch38.assembly()).isEqualTo(Assembly.GRCH38);
        assertThat(grch37.assembly()).isEqualTo(Assembly.GRCH37);
        assertThat(VrsIdentifier.of(grch38)).isNotEqualTo(VrsIdentifier.of(grch37));
        assertThatThrownBy(() -> HgvsGenomic.parse("NC_000017.10:g.43045712G>A", Optional.of(Assembly.GRCH38), Optional.empty()))
                .hasMessageContaining("GRCh37 and GRCh38 are kept apart");
    }

    @Test
    void genomicHgvsOfEveryClinVarAlleleGivesItsKey() throws IOException {
        List<String> lines = Files.readAllLines(CLINVAR, StandardCharsets.UTF_8);
        Map<String, Map<Integer, Character>> known = new HashMap<>();
        int substitutions = 0;
        int indels = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            String contig = columns[0];
            int position = Integer.parseInt(columns[1]);
            for (int index = 0; index < columns[2].length(); index++) {
                known.computeIfAbsent(contig, any -> new HashMap<>()).put(position + index, columns[2].charAt(index));
            }
        }
        ReferenceSequence reference = new KnownBases(known);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            String contig = columns[0];
            int position = Integer.parseInt(columns[1]);
            String ref = columns[2];
            String alt = columns[3];
            String accession = RefgetAccessions.byContig(Assembly.GRCH38, contig).orElseThrow().refseqAccession();
            String hgvs;
            if (ref.length() == 1 && alt.length() == 1) {
                hgvs = accession + ":g." + position + ref + ">" + alt;
                substitutions++;
            } else if (alt.length() == 1 && ref.length() > 1 && ref.charAt(0) == alt.charAt(0)) {
                int start = position + 1;
                int end = position + ref.length() - 1;
                hgvs = accession + ":g." + (start == end ? Integer.toString(start) : start + "_" + end) + "del" + ref.substring(1);
                indels++;
            } else if (ref.length() == 1 && alt.length() > 1 && alt.charAt(0) == ref.charAt(0)) {
                hgvs = accession + ":g." + position + "_" + (position + 1) + "ins" + alt.substring(1);
                indels++;
            } else {
                continue;
            }
            VariantKey expected = new VariantKey(Assembly.GRCH38, contig, position, ref, alt);
            assertThat(HgvsGenomic.parse(hgvs, Optional.empty(), Optional.of(reference))).as(hgvs).isEqualTo(expected);
        }
        assertThat(substitutions).isGreaterThan(600);
        assertThat(indels).isGreaterThan(30);
    }

    @Test
    void indelsNeedTheReferenceAndUnplacedTranscriptHgvsIsRefused() {
        assertThatThrownBy(() -> HgvsGenomic.parse("NC_000017.11:g.43045712_43045713del"))
                .isInstanceOf(PermedException.class)
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(InterpretationErrorCode.REFERENCE_REQUIRED));
        // HGVS c. as in the ClinGen expert-panel file, at positions permed's transcript table does not know exactly
        for (String transcript : List.of("NM_004360.3:c.1085delT", "NM_000277.2(PAH):c.503delA", "NM_005343.3(HRAS):c.175G>A")) {
            assertThatThrownBy(() -> HgvsGenomic.parse(transcript, Optional.of(Assembly.GRCH37), Optional.empty()))
                    .isInstanceOf(PermedException.class)
                    .hasMessageContaining("not in permed's transcript table")
                    .hasMessageContaining("CHROM-POS-REF-ALT")
                    .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
        }
        assertThatThrownBy(() -> HgvsGenomic.parse("chr17:g.43045712G>A")).hasMessageContaining("give the assembly");
        assertThat(HgvsGenomic.parse("chr17:g.43045712G>A", Optional.of(Assembly.GRCH38), Optional.empty()))
                .isEqualTo(HgvsGenomic.parse("NC_000017.11:g.43045712G>A"));
        assertThatThrownBy(() -> VrsIdentifier.of(VariantKeys.parse("4-113568536-G-GA", Assembly.GRCH37)))
                .hasMessageContaining("substitutions only");
        assertThatThrownBy(() -> VariantKeys.of(Assembly.GRCH38, "chr1", 248_956_423, "A", "G")).hasMessageContaining("outside chromosome 1");
    }

    @Test
    void keysAreTrimmedLikeTheVcfNormaliser() {
        assertThat(VariantKeys.of(Assembly.GRCH37, "chr4", 113568536, "GAT", "GAAT")).hasToString("GRCh37-4-113568536-G-GA");
        assertThat(VariantKeys.parse("4-113568536-G-GA", Assembly.GRCH37)).hasToString("GRCh37-4-113568536-G-GA");
    }

    /** The reference bases known from the ClinVar REF alleles; anything else is unknown (N). */
    private record KnownBases(Map<String, Map<Integer, Character>> bases) implements ReferenceSequence {
        @Override
        public OptionalInt contigLength(String canonicalContig) {
            return Assembly.GRCH38.primaryContigLength(canonicalContig);
        }

        @Override
        public String bases(String canonicalContig, int start, int length) {
            StringBuilder result = new StringBuilder();
            Map<Integer, Character> contig = bases.getOrDefault(canonicalContig, Map.of());
            for (int position = start; position < start + length; position++) {
                result.append(contig.getOrDefault(position, 'N'));
            }
            return result.toString();
        }
    }
}
