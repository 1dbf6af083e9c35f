package no.permed.interpretation.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import no.permed.interpretation.InterpretationErrorCode;
import no.permed.interpretation.variant.VariantKeys;
import no.permed.kernel.PermedException;
import no.permed.vcf.genome.Assembly;
import org.junit.jupiter.api.Test;

/**
 * Coding HGVS in submissions (JSON fields and CSV rows go through {@link SubmissionFields}). The expected keys are
 * ClinVar's own alleles: NM_001289862.1:c.1243C>G is GRCh38 1:7809893 C>G and GRCh37 1:7869953 C>G
 * ({@code src/test/resources/clinvar-2018/hgvs-c-observations.tsv.gz}).
 */
class SubmissionHgvsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void codingHgvsWithTheAssemblyGivesClinVarsAllele() {
        assertThat(SubmissionFields.parseVariant("NM_001289862.1:c.1243C>G", Optional.of("GRCh38")))
                .isEqualTo(VariantKeys.of(Assembly.GRCH38, "1", 7809893, "C", "G"));
        NewSubmission submission = new SubmissionFields("NM_001289862.1:c.1243C>G", Optional.of("GRCh37"), "MONDO:0000001",
                "Pathogenic", Optional.empty(), Optional.empty(), Optional.empty()).validate(TODAY);
        assertThat(submission.variant()).isEqualTo(VariantKeys.of(Assembly.GRCH37, "1", 7869953, "C", "G"));
    }

    @Test
    void theAssemblyIsAskedForWhenTheTableHasBoth() {
        assertThatThrownBy(() -> new SubmissionFields("NM_001289862.1:c.1243C>G", Optional.empty(), "MONDO:0000001", "Pathogenic",
                Optional.empty(), Optional.empty(), Optional.empty()).validate(TODAY))
                .isInstanceOf(PermedException.class)
                .hasMessageContaining("give the assembly")
                .satisfies(error -> assertThat(((PermedException) error).details()).containsEntry("field", "assembly"))
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
    }

    @Test
    void csvRowsTakeCodingHgvsAndNameLineAndFieldWhenRefused() {
        String csv = "variant,condition,classification,assembly\n"
                + "NM_001289862.1:c.1243C>G,MONDO:0000001,Pathogenic,GRCh38\n";
        List<SubmissionCsv.Row> rows = SubmissionCsv.parse(csv, "lab.csv", TODAY);
        assertThat(rows).singleElement().satisfies(row ->
                assertThat(row.submission().variant()).isEqualTo(VariantKeys.of(Assembly.GRCH38, "1", 7809893, "C", "G")));

        String unknown = "variant,condition,classification,assembly\n"
                + "NM_001289862.1:c.1243C>G,MONDO:0000001,Pathogenic,GRCh38\n"
                + "NM_999999.1:c.10A>G,MONDO:0000001,Pathogenic,GRCh38\n";
        assertThatThrownBy(() -> SubmissionCsv.parse(unknown, "lab.csv", TODAY))
                .hasMessageStartingWith("lab.csv line 3, field variant:")
                .hasMessageContaining("NM_999999.1 is not in permed's transcript table")
                .satisfies(error -> assertThat(((PermedException) error).errorCode()).isEqualTo(InterpretationErrorCode.HGVS_NOT_RESOLVABLE));
    }
}
