package no.permed.simulate;

import static no.permed.simulate.TestFiles.CHR22_2504;
import static no.permed.simulate.TestFiles.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import htsjdk.samtools.util.BlockCompressedInputStream;
import htsjdk.samtools.util.FileExtensions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.permed.kernel.PermedException;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortSimulatorTest {
    @TempDir
    Path directory;

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot() throws IOException {
        SimulationRequest request = SimulationRequest.of(data(CHR22_2504), directory.resolve("a.vcf.gz"), 300, 7);
        CohortSimulator.create().simulate(request);
        CohortSimulator.create().simulate(request.withOut(directory.resolve("b.vcf.gz")));
        CohortSimulator.create().simulate(request.withOut(directory.resolve("c.vcf.gz")).withSeed(8));

        byte[] first = Files.readAllBytes(directory.resolve("a.vcf.gz"));
        assertThat(Files.readAllBytes(directory.resolve("b.vcf.gz"))).isEqualTo(first);
        assertThat(Files.readAllBytes(directory.resolve("c.vcf.gz"))).isNotEqualTo(first);
    }

    @Test
    void writesEverySequenceAlleleOfTheReferenceAsOneSortedBiallelicRecordWithPhasedCalls() {
        Path out = directory.resolve("cohort.vcf.gz");
        SimulationSummary summary = CohortSimulator.create().simulate(SimulationRequest.of(data(CHR22_2504), out, 250, 1));

        // bcftools norm -m- splits the 2,000 records into 2,014; 4 of those have a symbolic or * ALT
        List<String> expected = new ArrayList<>();
        for (String line : TestFiles.lines(TestFiles.expected("1kg_phase3_chr22_2504samples_first2000.split.tsv.gz"))) {
            String[] columns = line.split("\t", 5);
            if (!columns[3].startsWith("<") && !columns[3].equals("*")) {
                expected.add(columns[0] + ":" + columns[1] + ":" + columns[2] + ":" + columns[3]);
            }
        }
        assertThat(expected).hasSize(2010);

        List<String> written = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(out)) {
            assertThat(reader.isCompressed()).isTrue();
            assertThat(reader.header().samples()).hasSize(250).startsWith("SIM000001", "SIM000002").endsWith("SIM000250");
            assertThat(reader.header().contig("22").orElseThrow().length()).hasValue(51304566);
            int previous = 0;
            while (reader.advance()) {
                VcfRecord record = reader.record();
                assertThat(record.alternateAlleles()).hasSize(1);
                assertThat(record.position()).isGreaterThanOrEqualTo(previous);
                assertThat(record.identifier()).isEqualTo(".");
                assertThat(record.filter()).isEqualTo("PASS");
                previous = record.position();
                Genotypes genotypes = record.genotypes();
                for (int sample = 0; sample < 250; sample++) {
                    assertThat(genotypes.ploidy(sample)).isEqualTo(2);
                    assertThat(genotypes.isPhased(sample)).isTrue();
                }
                written.add(record.contig() + ":" + record.position() + ":" + record.referenceAllele() + ":" + record.alternateAlleles().get(0));
            }
        }
        assertThat(written).isEqualTo(expected);
        assertThat(summary.sites()).isEqualTo(2010);
        assertThat(summary.samples()).isEqualTo(250);
        assertThat(summary.referenceSamples()).isEqualTo(2504);
        assertThat(summary.copies()).isEqualTo(1);
        assertThat(summary.outputBytes()).isEqualTo(out.toFile().length());
    }

    @Test
    void headerNamesTheReferenceSeedAndModel() {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR22_2504), out, 3, 99).withSites(10));

        List<String> header = TestFiles.lines(out).stream().filter(line -> line.startsWith("#")).toList();
        assertThat(header.get(0)).isEqualTo("##fileformat=VCFv4.2");
        assertThat(header.get(1)).startsWith("##source=permed simulate --reference " + CHR22_2504 + " --samples 3 --sites 10 --seed 99;")
                .contains("recombinationRate=1 cM/Mb", "switchesPerMorgan=400", "meanSegmentLength=250000 bp", "copyingErrorRate=0");
        assertThat(header).contains("##contig=<ID=22,length=51304566>",
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Phased genotype copied from a mosaic of reference haplotypes\">",
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSIM000001\tSIM000002\tSIM000003");
        assertThat(TestFiles.lines(out).stream().filter(line -> !line.startsWith("#")).findFirst().orElseThrow())
                .startsWith("22\t16050075\t.\tA\tG\t.\tPASS\t.\tGT\t");
    }

    @Test
    void outputIsBgzfWithItsEndOfFileBlock() throws IOException {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR22_2504), out, 500, 3));

        assertThat(BlockCompressedInputStream.checkTermination(out)).isEqualTo(BlockCompressedInputStream.FileTermination.HAS_TERMINATOR_BLOCK);
        assertThat(out.toString()).endsWith(FileExtensions.COMPRESSED_VCF);
        String viaHtsjdk;
        try (InputStream input = new BlockCompressedInputStream(out.toFile())) {
            viaHtsjdk = new String(input.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertThat(viaHtsjdk).isEqualTo(String.join("\n", TestFiles.lines(out)) + "\n");
        assertThat(viaHtsjdk.length()).isGreaterThan(3 * 0xff00);
    }

    @Test
    void asksForFewerSitesThanTheReferenceHasAndWritesTheFirstOnes() {
        Path out = directory.resolve("cohort.vcf.gz");
        SimulationSummary summary = CohortSimulator.create().simulate(SimulationRequest.of(data(CHR22_2504), out, 4, 3).withSites(25));

        List<TestFiles.Site> sites = TestFiles.biallelicSites(out);
        List<TestFiles.Site> reference = TestFiles.biallelicSites(data(CHR22_2504));
        assertThat(sites).extracting(TestFiles.Site::key).isEqualTo(reference.subList(0, 25).stream().map(TestFiles.Site::key).toList());
        assertThat(summary.sites()).isEqualTo(25);
        assertThat(summary.referenceSites()).isEqualTo(25);
    }

    @Test
    void tellsProgressFromZeroToTheTotalKnownUpFront() {
        List<long[]> updates = new ArrayList<>();
        CohortSimulator.create().simulate(SimulationRequest.of(data(CHR22_2504), directory.resolve("cohort.vcf.gz"), 2, 3).withSites(1000),
                (written, total) -> updates.add(new long[] {written, total}));

        assertThat(updates.get(0)).containsExactly(0, 1000);
        assertThat(updates.get(updates.size() - 1)).containsExactly(1000, 1000);
        assertThat(updates).hasSizeGreaterThan(3).allSatisfy(update -> assertThat(update[1]).isEqualTo(1000));
        for (int index = 1; index < updates.size(); index++) {
            assertThat(updates.get(index)[0]).isGreaterThan(updates.get(index - 1)[0]);
        }
    }

    @Test
    void missingReferenceGivesAnErrorNamingItAndNoOutput() throws IOException {
        Path out = directory.resolve("cohort.vcf.gz");
        SimulationRequest request = SimulationRequest.of(directory.resolve("no-such-panel.vcf.gz"), out, 10, 1);

        assertThatThrownBy(() -> CohortSimulator.create().simulate(request))
                .isInstanceOfSatisfying(PermedException.class, exception -> {
                    assertThat(exception.errorCode()).isEqualTo(SimulateErrorCode.REFERENCE_NOT_READABLE);
                    assertThat(exception.errorCode().code()).isEqualTo("SIMULATE_REFERENCE_NOT_READABLE");
                    assertThat(exception.details()).containsEntry("file", "no-such-panel.vcf.gz");
                })
                .hasMessageContaining("no-such-panel.vcf.gz").hasMessageContaining("does not exist");
        assertThat(filesIn(directory)).isEmpty();
    }

    @Test
    void referenceThatIsNotAVcfGivesAnErrorNamingItAndNoOutput() throws IOException {
        Path notVcf = Files.writeString(directory.resolve("notes.txt"), "these are my notes\nnot a VCF at all\n");
        Path out = directory.resolve("cohort.vcf.gz");

        assertThatThrownBy(() -> CohortSimulator.create().simulate(SimulationRequest.of(notVcf, out, 10, 1)))
                .isInstanceOfSatisfying(PermedException.class, exception -> {
                    assertThat(exception.errorCode()).isEqualTo(SimulateErrorCode.REFERENCE_INVALID);
                    assertThat(exception.details()).containsEntry("file", "notes.txt").containsEntry("cause", "VCF_MISSING_FILEFORMAT");
                })
                .hasMessageStartingWith("reference panel notes.txt, line 1");
        assertThat(filesIn(directory)).containsExactly(notVcf);
    }

    @Test
    void referenceWithoutSamplesIsRefused() throws IOException {
        Path sitesOnly = Files.writeString(directory.resolve("sites.vcf"),
                "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tA\tG\t.\tPASS\t.\n");

        assertThatThrownBy(() -> CohortSimulator.create().simulate(SimulationRequest.of(sitesOnly, directory.resolve("out.vcf.gz"), 10, 1)))
                .isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.errorCode()).isEqualTo(SimulateErrorCode.REFERENCE_WITHOUT_SAMPLES))
                .hasMessageContaining("sites.vcf");
        assertThat(filesIn(directory)).containsExactly(sitesOnly);
    }

    @Test
    void existingOutputIsKeptUnlessOverwritingIsAskedFor() throws IOException {
        Path out = Files.writeString(directory.resolve("cohort.vcf.gz"), "precious");
        SimulationRequest request = SimulationRequest.of(data(CHR22_2504), out, 2, 1).withSites(5);

        assertThatThrownBy(() -> CohortSimulator.create().simulate(request))
                .isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.errorCode()).isEqualTo(SimulateErrorCode.OUTPUT_EXISTS));
        assertThat(Files.readString(out)).isEqualTo("precious");

        CohortSimulator.create().simulate(request.withOverwrite(true));
        assertThat(TestFiles.lines(out).stream().filter(line -> !line.startsWith("#"))).hasSize(5);
        assertThat(filesIn(directory)).containsExactly(out);
    }

    @Test
    void outputInAMissingDirectoryIsRefused() {
        SimulationRequest request = SimulationRequest.of(data(CHR22_2504), directory.resolve("nowhere/cohort.vcf.gz"), 2, 1);

        assertThatThrownBy(() -> CohortSimulator.create().simulate(request))
                .isInstanceOfSatisfying(PermedException.class,
                        exception -> assertThat(exception.errorCode()).isEqualTo(SimulateErrorCode.OUTPUT_NOT_WRITABLE))
                .hasMessageContaining("cohort.vcf.gz");
    }

    @Test
    void requestChecksItsValues() {
        Path reference = Path.of("panel.vcf.gz");
        Path out = Path.of("out.vcf.gz");
        assertThatThrownBy(() -> SimulationRequest.of(reference, out, 0, 1)).hasMessage("samples must be between 1 and 10000000 but is 0");
        assertThatThrownBy(() -> SimulationRequest.of(reference, out, 1, 1).withSites(0)).hasMessage("sites must be 1 or more but is 0");
        assertThatThrownBy(() -> SimulationRequest.of(reference, out, 1, 1).withCompressionLevel(0))
                .hasMessage("compressionLevel must be between 1 and 9 but is 0");
        assertThatThrownBy(() -> SimulationRequest.of(reference, reference, 1, 1)).hasMessageContaining("must not be the reference");
        assertThat(SimulationRequest.of(reference, out, 1, 1).sites()).isEmpty();
    }

    @Test
    void modelDefaultsAndChecks() {
        SimulationModel model = SimulationModel.defaults();
        assertThat(model.recombinationRate()).isEqualTo(1.0);
        assertThat(model.switchesPerMorgan()).isEqualTo(400.0);
        assertThat(model.copyingErrorRate()).isEqualTo(0.0);
        assertThat(model.meanSegmentLength()).isEqualTo(250_000.0);
        assertThat(model.withRecombinationRate(2).meanSegmentLength()).isEqualTo(125_000.0);
        assertThatThrownBy(() -> model.withRecombinationRate(0)).hasMessage("recombinationRate must be more than 0 and at most 1000 cM/Mb but is 0.0");
        assertThatThrownBy(() -> model.withCopyingErrorRate(0.6)).hasMessage("copyingErrorRate must be between 0 and 0.5 but is 0.6");
        assertThatThrownBy(() -> model.withSwitchesPerMorgan(Double.NaN)).hasMessageContaining("switchesPerMorgan");
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
