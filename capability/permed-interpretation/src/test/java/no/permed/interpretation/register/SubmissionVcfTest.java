package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk submissions as a sites VCF: the demo laboratory's real ClinVar 2018 classifications, written here as a VCF
 * (percent-encoded text, ClinVar's underscores), give the same submissions as the same rows read as CSV; bad records
 * are refused with file, line and field.
 */
class SubmissionVcfTest {
    private static final Path OSLO = Path.of("../../app/permed-app/src/main/resources/no/permed/app/demo/variants-oslo.csv");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    /** GRCh38's primary contigs with their lengths, from which the reader recognises the assembly. */
    private static final String HEADER = "##fileformat=VCFv4.3\n"
            + "##contig=<ID=1,length=248956422>\n"
            + "##contig=<ID=2,length=242193529>\n"
            + "##contig=<ID=3,length=198295559>\n"
            + "##contig=<ID=4,length=190214555>\n"
            + "##contig=<ID=5,length=181538259>\n"
            + "##contig=<ID=6,length=170805979>\n"
            + "##contig=<ID=7,length=159345973>\n"
            + "##contig=<ID=8,length=145138636>\n"
            + "##contig=<ID=9,length=138394717>\n"
            + "##contig=<ID=10,length=133797422>\n"
            + "##contig=<ID=11,length=135086622>\n"
            + "##contig=<ID=12,length=133275309>\n"
            + "##contig=<ID=13,length=114364328>\n"
            + "##contig=<ID=14,length=107043718>\n"
            + "##contig=<ID=15,length=101991189>\n"
            + "##contig=<ID=16,length=90338345>\n"
            + "##contig=<ID=17,length=83257441>\n"
            + "##contig=<ID=18,length=80373285>\n"
            + "##contig=<ID=19,length=58617616>\n"
            + "##contig=<ID=20,length=64444167>\n"
            + "##contig=<ID=21,length=46709983>\n"
            + "##contig=<ID=22,length=50818468>\n"
            + "##contig=<ID=X,length=156040895>\n"
            + "##contig=<ID=Y,length=57227415>\n"
            + "##INFO=<ID=CLASSIFICATION,Number=1,Type=String,Description=\"class\">\n"
            + "##INFO=<ID=CLNSIG,Number=1,Type=String,Description=\"class, ClinVar style\">\n"
            + "##INFO=<ID=CONDITION,Number=1,Type=String,Description=\"condition\">\n"
            + "##INFO=<ID=CRITERIA,Number=.,Type=String,Description=\"criteria\">\n"
            + "##INFO=<ID=EVIDENCE,Number=1,Type=String,Description=\"evidence\">\n"
            + "##INFO=<ID=DATE,Number=1,Type=String,Description=\"date\">\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    @TempDir
    Path temporary;

    /** VCF 4.3 percent-encoding of what INFO cannot hold (and of spaces, as many writers do). */
    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Path write(String name, String body) throws IOException {
        Path file = temporary.resolve(name);
        Files.writeString(file, HEADER + body, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theDemoLabsClinVarRowsGiveTheSameSubmissionsAsVcfAsAsCsv() throws IOException {
        List<SubmissionCsv.Row> csv = SubmissionCsv.parse(Files.readString(OSLO), "variants-oslo.csv", TODAY);
        assertThat(csv).hasSizeGreaterThan(10);
        StringBuilder vcf = new StringBuilder();
        List<String> lines = Files.readAllLines(OSLO);
        int written = 0;
        for (SubmissionCsv.Row row : csv) {
            NewSubmission submission = row.submission();
            var key = submission.variant();
            StringBuilder info = new StringBuilder();
            // every other record as ClinVar writes its significance
            String className = submission.classification().displayName().replace(' ', '_');
            info.append(written % 2 == 0 ? "CLASSIFICATION=" : "CLNSIG=").append(className);
            info.append(";CONDITION=").append(encoded(submission.condition().value()));
            if (!submission.criteria().isEmpty()) {
                info.append(";CRITERIA=").append(String.join(",", submission.criteria().stream().map(Object::toString).toList()));
            }
            submission.evidence().ifPresent(text -> info.append(";EVIDENCE=").append(encoded(text)));
            info.append(";DATE=").append(submission.classifiedOn());
            vcf.append(key.contig()).append('\t').append(key.position()).append("\t.\t").append(key.reference()).append('\t')
                    .append(key.alternate()).append("\t.\t.\t").append(info).append('\n');
            written++;
        }
        assertThat(lines).isNotEmpty();
        List<SubmissionCsv.Row> parsed = SubmissionVcf.parse(write("oslo.vcf", vcf.toString()), "oslo.vcf", Optional.empty(), TODAY);
        assertThat(parsed.stream().map(SubmissionCsv.Row::submission).toList())
                .isEqualTo(csv.stream().map(SubmissionCsv.Row::submission).toList());
        assertThat(parsed.get(0).line()).isEqualTo(33);
    }

    @Test
    void paddedAllelesAreTrimmedAsTheRegisterKeysVariants() throws IOException {
        Path file = write("padded.vcf", "13\t32338102\t.\tAG\tAT\t.\t.\tCLASSIFICATION=Uncertain_significance;CONDITION=not%20specified\n");
        NewSubmission submission = SubmissionVcf.parse(file, "padded.vcf", Optional.empty(), TODAY).get(0).submission();
        assertThat(submission.variant().toString()).isEqualTo("GRCh38-13-32338103-G-T");
        assertThat(submission.condition().value()).isEqualTo("not specified");
        assertThat(submission.classifiedOn()).isEqualTo(TODAY);
    }

    @Test
    void badRecordsNameFileLineAndField() throws IOException {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"17\t43045712\t.\tG\tA,T\t.\t.\tCLASSIFICATION=Benign;CONDITION=MONDO:0007254\n", "ALT", "bcftools norm"});
        cases.add(new String[] {"17\t43045712\t.\tG\tA\t.\t.\tCONDITION=MONDO:0007254\n", "CLASSIFICATION", "required"});
        cases.add(new String[] {"17\t43045712\t.\tG\tA\t.\t.\tCLASSIFICATION=Pathogenicish;CONDITION=MONDO:0007254\n",
            "CLASSIFICATION", "Pathogenicish"});
        cases.add(new String[] {"17\t43045712\t.\tG\tA\t.\t.\tCLASSIFICATION=Benign;CONDITION=MONDO:0007254;CRITERIA=PX9\n",
            "CRITERIA", "PX9"});
        cases.add(new String[] {"17\t43045712\t.\tG\tA\t.\t.\tCLASSIFICATION=Benign;CONDITION=MONDO:0007254;DATE=2999-01-01\n",
            "DATE", "future"});
        for (String[] bad : cases) {
            Path file = write("bad.vcf", "17\t43045700\t.\tC\tT\t.\t.\tCLASSIFICATION=Benign;CONDITION=MONDO:0007254\n" + bad[0]);
            assertThatThrownBy(() -> SubmissionVcf.parse(file, "bad.vcf", Optional.empty(), TODAY))
                    .as(bad[0]).isInstanceOf(PermedException.class)
                    .hasMessageContaining("bad.vcf line 34, field " + bad[1]).hasMessageContaining(bad[2])
                    .satisfies(failure -> assertThat(((PermedException) failure).details()).containsEntry("line", 34)
                            .containsEntry("field", bad[1]));
        }
        Path grch38 = write("assembly.vcf", "17\t43045712\t.\tG\tA\t.\t.\tCLASSIFICATION=Benign;CONDITION=MONDO:0007254\n");
        assertThatThrownBy(() -> SubmissionVcf.parse(grch38, "assembly.vcf", Optional.of(Assembly.GRCH37), TODAY))
                .hasMessageContaining("the header says GRCh38 but GRCh37 was given");
    }
}
