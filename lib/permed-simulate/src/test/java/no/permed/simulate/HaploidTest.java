package no.permed.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.permed.vcf.read.Genotypes;
import no.permed.vcf.read.VcfReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small chrX panel written here: 20 women with diploid calls and 20 men with haploid calls outside the
 * pseudo-autosomal region (diploid inside it, at 60,001 and 100,000). Men carry ALT at 3,000,000, women never.
 */
class HaploidTest {
    private static final int REFERENCE_SAMPLES = 40;
    private static final int SAMPLES = 400;

    @TempDir
    static Path directory;

    private static List<Genotypes> calls;
    private static List<Integer> positions;

    @BeforeAll
    static void simulate() throws IOException {
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=X,length=155270560>\n");
        text.append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (int sample = 0; sample < REFERENCE_SAMPLES; sample++) {
            text.append("\tREF").append(sample);
        }
        text.append('\n');
        appendSite(text, 60_001, "0|1", "1|0");
        appendSite(text, 100_000, "1|1", "0|0");
        appendSite(text, 3_000_000, "0|0", "1");
        appendSite(text, 3_000_100, "0|1", "0");
        appendSite(text, 3_000_200, ".|.", ".");
        appendSite(text, 3_000_300, "1|0", "1");
        Path panel = Files.writeString(directory.resolve("chrX_panel.vcf"), text);

        Path out = directory.resolve("cohort.vcf.gz");
        CohortSimulator.create().simulate(SimulationRequest.of(panel, out, SAMPLES, 11));
        calls = new ArrayList<>();
        positions = new ArrayList<>();
        try (VcfReader reader = VcfReader.open(out)) {
            while (reader.advance()) {
                calls.add(reader.record().genotypes().copy());
                positions.add(reader.record().position());
            }
        }
    }

    private static void appendSite(StringBuilder text, int position, String woman, String man) {
        text.append("X\t").append(position).append("\t.\tA\tG\t.\tPASS\t.\tGT");
        for (int sample = 0; sample < REFERENCE_SAMPLES; sample++) {
            text.append('\t').append(sample < REFERENCE_SAMPLES / 2 ? woman : man);
        }
        text.append('\n');
    }

    @Test
    void pseudoAutosomalSitesAreDiploidForEveryone() {
        assertThat(positions).containsExactly(60_001, 100_000, 3_000_000, 3_000_100, 3_000_200, 3_000_300);
        for (int site = 0; site < 2; site++) {
            for (int sample = 0; sample < SAMPLES; sample++) {
                assertThat(calls.get(site).ploidy(sample)).isEqualTo(2);
                assertThat(calls.get(site).isPhased(sample)).isTrue();
            }
        }
    }

    @Test
    void eachSimulatedSampleKeepsOnePloidyOutsideThePseudoAutosomalRegionAndAboutHalfAreMen() {
        int men = 0;
        for (int sample = 0; sample < SAMPLES; sample++) {
            int ploidy = calls.get(2).ploidy(sample);
            for (int site = 3; site < calls.size(); site++) {
                assertThat(calls.get(site).ploidy(sample)).as("sample %d at site %d", sample, site).isEqualTo(ploidy);
            }
            if (ploidy == 1) {
                men++;
                assertThat(calls.get(2).allele(sample, 1)).isEqualTo(Genotypes.ABSENT);
            }
        }
        assertThat(men).isBetween(150, 250);
    }

    @Test
    void allelesComeFromMenAndWomenAlikeAndMissingStaysMissing() {
        Genotypes menOnly = calls.get(2);
        int alternates = 0;
        int called = 0;
        for (int sample = 0; sample < SAMPLES; sample++) {
            for (int haplotype = 0; haplotype < menOnly.ploidy(sample); haplotype++) {
                called++;
                alternates += menOnly.allele(sample, haplotype);
            }
        }
        // sources are all 80 haplotype slots; the 40 slots of men hold ALT (the second one through the first)
        assertThat((double) alternates / called).isBetween(0.3, 0.7);

        Genotypes missing = calls.get(4);
        for (int sample = 0; sample < SAMPLES; sample++) {
            assertThat(missing.isNoCall(sample)).isTrue();
            assertThat(missing.format(sample)).isIn(".|.", ".");
        }
    }
}
