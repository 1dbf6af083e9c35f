package no.permed.vcf.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import no.permed.vcf.TestFiles;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.NormalisedRecordVisitor;
import no.permed.vcf.normalise.ReferenceBlock;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.Test;

/**
 * A gVCF: reference blocks come out as ranges with their calls, variants lose {@code <NON_REF>}; compared with
 * the blocks and split variants bcftools lists for the same file.
 */
class GvcfConformanceTest {
    @Test
    void blocksAndVariantsEqualBcftools() {
        List<String> blocks = new ArrayList<>();
        List<String> variants = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(TestFiles.data("patient.g.vcf.gz"), VcfReaderOptions.defaults())) {
            assertThat(reader.header().assembly()).contains(Assembly.GRCH38);
            VariantNormaliser normaliser = VariantNormaliser.withoutReference(Assembly.GRCH38);
            NormalisedRecordVisitor visitor = new NormalisedRecordVisitor() {
                @Override
                public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
                    // compared as written (bcftools does not trim without a reference), so take the source's REF
                    variants.add(source.contigAsWritten() + "\t" + source.position() + "\t" + source.referenceAllele() + "\t"
                            + source.alternateAlleles().get(variants.stream().filter(line -> line.startsWith(
                                    source.contigAsWritten() + "\t" + source.position() + "\t")).toList().size())
                            + "\t" + genotypes.format(0));
                }

                @Override
                public void referenceBlock(ReferenceBlock block, Genotypes genotypes, VcfRecord source) {
                    blocks.add(source.contigAsWritten() + "\t" + block.start() + "\t" + block.end() + "\t" + genotypes.format(0));
                }
            };
            while (reader.advance()) {
                normaliser.split(reader.record(), visitor);
            }
        }
        assertThat(blocks).containsExactlyElementsOf(TestFiles.lines(TestFiles.expected("gvcf.blocks.tsv")));
        assertThat(variants).containsExactlyElementsOf(TestFiles.lines(TestFiles.expected("gvcf.variants.tsv")));
    }

    @Test
    void referenceBlocksCountTowardsTheAlleleNumberOfPositionsTheyCover() {
        List<ReferenceBlock> calledBlocks = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(TestFiles.data("patient.g.vcf.gz"))) {
            VariantNormaliser normaliser = VariantNormaliser.withoutReference(Assembly.GRCH38);
            while (reader.advance()) {
                normaliser.split(reader.record(), new NormalisedRecordVisitor() {
                    @Override
                    public void variant(VariantKey key, Genotypes genotypes, VcfRecord source) {
                        // only blocks matter here
                    }

                    @Override
                    public void referenceBlock(ReferenceBlock block, Genotypes genotypes, VcfRecord source) {
                        if (!genotypes.isNoCall(0)) {
                            calledBlocks.add(block);
                        }
                    }
                });
            }
        }
        // another cohort's variant at chr1:10050 is covered by a called 0/0 block: AN 2 from this patient
        assertThat(calledBlocks.stream().filter(block -> block.covers("1", 10_050))).hasSize(1);
        // chr1:10250 lies in the no-call block: this patient adds nothing to AN there
        assertThat(calledBlocks.stream().filter(block -> block.covers("1", 10_250))).isEmpty();
        assertThat(calledBlocks).extracting(ReferenceBlock::length).containsExactly(101, 79, 100, 2);
    }
}
