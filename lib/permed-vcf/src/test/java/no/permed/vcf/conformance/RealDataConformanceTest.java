package no.permed.vcf.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import no.permed.vcf.TestFiles;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.RecordKind;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every real data file and compares the split records, their genotypes and their allele counts with
 * what bcftools made of the same file ({@code src/test/reference/make-expected.sh}): {@code bcftools norm -m-}
 * then {@code bcftools query} for genotypes and {@code bcftools +fill-tags -t AC,AN,AC_Hom,AC_Hemi} for counts.
 */
class RealDataConformanceTest {
    static Stream<String> files() {
        return Stream.of(
                "1kg_phase3_chr22_2504samples_first2000",
                "1kg_chr20_503samples_first3000",
                "tiny1000G_3202samples_first400",
                "pyvcf_1kg_pilot_v40_first120",
                "VariantAnnotation_chr22_5samples_first2000",
                "NIST2.19_NA12878_complex_first6000",
                "PlatinumGenomes_NA12878_hg19_chr21_first5000",
                "PlatinumGenomes_NA12878_hg38_chr21_first5000",
                "GIAB_HG004_1k");
    }

    @ParameterizedTest
    @MethodSource("files")
    void splitRecordsGenotypesAndCountsEqualBcftools(String name) {
        Iterator<String> expectedGenotypes = TestFiles.lines(TestFiles.expected(name + ".split.tsv.gz")).iterator();
        Iterator<String> expectedCounts = TestFiles.lines(TestFiles.expected(name + ".counts.tsv.gz")).iterator();
        long compared = 0;
        try (VcfReader reader = VcfReader.open(TestFiles.data(name + ".vcf.gz"), VcfReaderOptions.defaults())) {
            Genotypes split = Genotypes.forSamples(reader.header().sampleCount());
            StringBuilder line = new StringBuilder();
            while (reader.advance()) {
                VcfRecord record = reader.record();
                List<String> alternates = record.kind() == RecordKind.REFERENCE_BLOCK ? List.of(".") : record.alternateAlleles();
                for (int index = 0; index < alternates.size(); index++) {
                    Genotypes genotypes = record.genotypes();
                    if (record.kind() == RecordKind.VARIANT) {
                        genotypes.splitInto(index + 1, split);
                        genotypes = split;
                    }
                    String site = record.contigAsWritten() + "\t" + record.position() + "\t" + record.referenceAllele() + "\t"
                            + alternates.get(index);
                    line.setLength(0);
                    line.append(site);
                    for (int sample = 0; sample < genotypes.sampleCount(); sample++) {
                        line.append('\t').append(genotypes.format(sample));
                    }
                    assertThat(expectedGenotypes.hasNext()).as("bcftools has fewer records than permed at %s", site).isTrue();
                    compareLine(name, record.lineNumber(), line.toString(), expectedGenotypes.next());
                    assertThat(counts(site, genotypes)).as("%s line %d", name, record.lineNumber()).isEqualTo(expectedCounts.next());
                    compared++;
                }
            }
        }
        assertThat(expectedGenotypes.hasNext()).as("bcftools has more records than permed").isFalse();
        assertThat(expectedCounts.hasNext()).as("bcftools has more count lines than permed").isFalse();
        assertThat(compared).isPositive();
    }

    /** AC, AN, AC_Hom (alleles in homozygous diploid calls) and AC_Hemi (haploid ALT calls), as fill-tags counts them. */
    private static String counts(String site, Genotypes genotypes) {
        int alleleCount = 0;
        int alleleNumber = 0;
        int homozygous = 0;
        int hemizygous = 0;
        int[] alleles = genotypes.alleleIndicesView();
        for (int sample = 0; sample < genotypes.sampleCount(); sample++) {
            int first = alleles[2 * sample];
            int second = alleles[2 * sample + 1];
            for (int allele : new int[] {first, second}) {
                if (allele >= 0) {
                    alleleNumber++;
                }
                if (allele == 1) {
                    alleleCount++;
                }
            }
            if (genotypes.ploidy(sample) == 2 && first == 1 && second == 1) {
                homozygous += 2;
            }
            if (genotypes.ploidy(sample) == 1 && first == 1) {
                hemizygous++;
            }
        }
        return site + "\t" + alleleCount + "\t" + alleleNumber + "\t" + homozygous + "\t" + hemizygous;
    }

    private static void compareLine(String file, long line, String actual, String expected) {
        if (actual.equals(expected)) {
            return;
        }
        String[] actualColumns = actual.split("\t", -1);
        String[] expectedColumns = expected.split("\t", -1);
        List<String> differences = new ArrayList<>();
        for (int column = 0; column < Math.max(actualColumns.length, expectedColumns.length) && differences.size() < 5; column++) {
            String left = column < actualColumns.length ? actualColumns[column] : "(none)";
            String right = column < expectedColumns.length ? expectedColumns[column] : "(none)";
            if (!left.equals(right)) {
                differences.add("column " + (column + 1) + ": permed " + left + ", bcftools " + right);
            }
        }
        fail(file + " line " + line + " (" + expected.substring(0, Math.min(60, expected.length())) + "…) differs: " + differences);
    }
}
