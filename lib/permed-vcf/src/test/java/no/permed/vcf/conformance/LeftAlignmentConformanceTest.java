package no.permed.vcf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.permed.vcf.TestFiles;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.IndexedFastaReference;
import no.permed.vcf.normalise.NormalisedRecordVisitor;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Normalises the synthetic VCF (indels written right-shifted and padded in repeats, padded SNVs, multi-allelic
 * records, lower case, GT not first) against its synthetic reference and compares with
 * {@code bcftools norm -m- -f} (split, trim, left-align) on the same files.
 */
class LeftAlignmentConformanceTest {
    @TempDir
    Path temporary;

    @Test
    void splitTrimmedLeftAlignedVariantsEqualBcftools() throws IOException {
        Path fasta = Files.copy(TestFiles.data("leftalign_reference.fa"), temporary.resolve("reference.fa"));
        List<String> actual = new ArrayList<>();
        int[] moved = new int[1];
        try (IndexedFastaReference reference = IndexedFastaReference.open(fasta);
                VcfReader reader = VcfReader.open(TestFiles.data("leftalign.vcf"))) {
            VariantNormaliser normaliser = VariantNormaliser.withReference(Assembly.GRCH37, reference);
            NormalisedRecordVisitor visitor = new NormalisedRecordVisitor() {
                @Override
                public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
                    StringBuilder line = new StringBuilder("chr" + key.contig() + "\t" + key.position() + "\t" + key.reference()
                            + "\t" + key.alternate());
                    for (int sample = 0; sample < genotypes.sampleCount(); sample++) {
                        line.append('\t').append(genotypes.format(sample));
                    }
                    actual.add(line.toString());
                    if (key.position() < source.position()) {
                        moved[0]++;
                    }
                }
            };
            while (reader.advance()) {
                normaliser.split(reader.record(), visitor);
            }
        }
        // bcftools keeps lower-case alleles as written where it does not realign them; permed upper-cases them
        List<String> expected = TestFiles.lines(TestFiles.expected("leftalign.normalised.tsv")).stream()
                .map(LeftAlignmentConformanceTest::upperCaseAlleles)
                .toList();
        assertThat(sorted(actual)).containsExactlyElementsOf(sorted(expected));
        assertThat(moved[0]).as("variants moved left by left-alignment").isGreaterThan(50);
    }

    @Test
    void builtFastaIndexEqualsSamtoolsFaidx() throws IOException {
        Path fasta = Files.copy(TestFiles.data("leftalign_reference.fa"), temporary.resolve("reference.fa"));
        try (IndexedFastaReference reference = IndexedFastaReference.open(fasta)) {
            assertThat(reference.contigs()).containsExactly("22");
            String[] index = Files.readString(TestFiles.expected("leftalign_reference.fa.fai")).split("\t");
            assertThat(reference.contigLength("22")).hasValue(Integer.parseInt(index[1]));
        }
        assertThat(Files.readString(temporary.resolve("reference.fa.fai")))
                .isEqualTo(Files.readString(TestFiles.expected("leftalign_reference.fa.fai")));
    }

    @Test
    void readsBasesAcrossLineBreaksWithTheSamtoolsIndex() throws IOException {
        Path fasta = Files.copy(TestFiles.data("leftalign_reference.fa"), temporary.resolve("reference.fa"));
        Files.copy(TestFiles.expected("leftalign_reference.fa.fai"), temporary.resolve("reference.fa.fai"));
        String sequence = String.join("", TestFiles.lines(fasta).subList(1, TestFiles.lines(fasta).size()));
        try (IndexedFastaReference reference = IndexedFastaReference.open(fasta)) {
            for (int start : new int[] {1, 59, 60, 61, 119, 5000, sequence.length() - 3}) {
                assertThat(reference.bases("22", start, 10))
                        .isEqualTo(sequence.substring(start - 1, Math.min(sequence.length(), start - 1 + 10)));
            }
            assertThat(reference.bases("chr22".substring(3), sequence.length() + 5, 3)).isEmpty();
        }
    }

    private static String upperCaseAlleles(String line) {
        String[] columns = line.split("\t", -1);
        columns[2] = columns[2].toUpperCase(java.util.Locale.ROOT);
        columns[3] = columns[3].toUpperCase(java.util.Locale.ROOT);
        return String.join("\t", columns);
    }

    /** Sorted by position, then the rest of the line, as bcftools may emit realigned records in another order. */
    private static List<String> sorted(List<String> lines) {
        Map<String, String> byKey = new TreeMap<>();
        for (String line : lines) {
            String[] columns = line.split("\t", 5);
            byKey.put(String.format("%012d\t%s\t%s", Long.parseLong(columns[1]), columns[2], columns[3]) + "\t" + line, line);
        }
        return List.copyOf(byKey.values());
    }
}
