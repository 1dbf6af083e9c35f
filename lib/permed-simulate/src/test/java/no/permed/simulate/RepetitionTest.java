package no.permed.simulate;

import static no.permed.simulate.TestFiles.CHR20_503;
import static no.permed.simulate.TestFiles.TINY_3202;
import static no.permed.simulate.TestFiles.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.permed.vcf.read.VcfReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sites N} beyond the reference's sites repeats the region end to end. */
class RepetitionTest {
    @TempDir
    Path directory;

    @Test
    void repeatsTheRegionShiftedByItsLengthPlusAGapUntilExactlyNSites() {
        Path out = directory.resolve("cohort.vcf.gz");
        SimulationSummary summary = CohortSimulator.create().simulate(SimulationRequest.of(data(CHR20_503), out, 20, 5).withSites(7500));

        List<TestFiles.Site> reference = TestFiles.biallelicSites(data(CHR20_503));
        int first = reference.get(0).position();
        TestFiles.Site last = reference.get(reference.size() - 1);
        long shift = last.position() + last.reference().length() - first + 1000L;
        List<String> lines = TestFiles.lines(out);
        // the reference declares contig 20 without a length, so none is made up
        assertThat(lines).contains("##contig=<ID=20>", "##contig=<ID=21,length=48129895>");
        assertThat(lines).anyMatch(line -> line.startsWith("##permedSimulateRepeat=<ID=20,Copies=3,Shift=" + shift + ",Description="));

        List<TestFiles.Site> sites = TestFiles.biallelicSites(out);
        assertThat(sites).hasSize(7500);
        for (int index = 1; index < sites.size(); index++) {
            // the panel has a few records at the same position; copies never overlap
            assertThat(sites.get(index).position()).isGreaterThanOrEqualTo(sites.get(index - 1).position());
            if (index % 3000 == 0) {
                assertThat(sites.get(index).position()).isGreaterThan(sites.get(index - 1).position() + 1000);
            }
            assertThat(sites.get(index).contig()).isEqualTo("20");
        }
        for (int index = 0; index < sites.size(); index++) {
            TestFiles.Site original = reference.get(index % 3000);
            assertThat(sites.get(index).position()).isEqualTo(original.position() + (index / 3000) * shift);
            assertThat(sites.get(index).reference()).isEqualTo(original.reference());
            assertThat(sites.get(index).alternate()).isEqualTo(original.alternate());
        }
        assertThat(summary.sites()).isEqualTo(7500);
        assertThat(summary.copies()).isEqualTo(3);
        assertThat(summary.referenceSites()).isEqualTo(3000);

        // permed's own reader accepts it, positions within the extended contig length
        try (VcfReader reader = VcfReader.open(out)) {
            reader.forEachRemaining(record -> { });
            assertThat(reader.recordCount()).isEqualTo(7500);
        }
    }

    @Test
    void aDeclaredContigLengthIsKeptWhileTheCopiesFitInIt() {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(data(TestFiles.CHR22_2504), out, 2, 5).withSites(2500));

        List<TestFiles.Site> reference = TestFiles.biallelicSites(data(TestFiles.CHR22_2504));
        int end = 0;
        for (TestFiles.Site site : reference) {
            end = Math.max(end, site.position() + site.reference().length() - 1);
        }
        long shift = end - reference.get(0).position() + 1 + 1000L;
        // two copies of chr22:16.05-16.2 Mb end far before chr22's 51,304,566 bases: the length (and so the
        // recognisable GRCh37 assembly) stays as declared
        assertThat(end + shift).isLessThan(51304566L);
        assertThat(TestFiles.lines(out)).contains("##contig=<ID=22,length=51304566>")
                .anyMatch(line -> line.startsWith("##permedSimulateRepeat=<ID=22,Copies=2,Shift=" + shift + ","));
        assertThat(TestFiles.biallelicSites(out)).hasSize(2500);
    }

    @Test
    void severalContigsAreRepeatedOneAfterTheOtherAndStayContiguous() {
        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(data(TINY_3202), out, 10, 5).withSites(1000));

        List<TestFiles.Site> sites = TestFiles.biallelicSites(out);
        assertThat(sites).hasSize(1000);
        Map<String, List<Integer>> positionsByContig = new LinkedHashMap<>();
        String previousContig = "";
        for (TestFiles.Site site : sites) {
            if (!site.contig().equals(previousContig)) {
                assertThat(positionsByContig).doesNotContainKey(site.contig());
                previousContig = site.contig();
            }
            positionsByContig.computeIfAbsent(site.contig(), contig -> new ArrayList<>()).add(site.position());
        }
        // 400 reference sites, 3 copies each: the first contigs in file order get all three, the file ends within a copy
        assertThat(positionsByContig.keySet()).startsWith("10", "18", "4");
        assertThat(positionsByContig.get("10")).hasSize(3 * 43);
        positionsByContig.values().forEach(positions -> assertThat(positions).isSorted());
        // contigs without ##contig lines in the reference get one without a length
        assertThat(TestFiles.lines(out)).contains("##contig=<ID=10>");
    }
}
