package no.permed.prs.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import no.permed.kernel.PermedException;
import no.permed.prs.score.ScoringFile;
import no.permed.prs.score.ScoringFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VCF is read on a thread of its own and only the score's positions have their sample columns parsed: the sums are
 * those counted here, errors at score positions reach the caller with file, line and field, other positions' sample
 * columns are not looked at, and a scoring file read while the VCF is opened fails first.
 */
class VcfScorerPipelineTest {
    private static final String HEADER = "##fileformat=VCFv4.2\n##contig=<ID=1,length=100000>\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\n";
    private static final String SCORE = "###PGS CATALOG SCORING FILE\n#format_version=2.0\n#pgs_id=PIPE0001\n#genome_build=GRCh37\n"
            + "chr_name\tchr_position\teffect_allele\tother_allele\teffect_weight\n1\t10\tG\tA\t0.5\n1\t30\tT\tC\t0.25\n";

    @TempDir
    Path temporary;

    @Test
    void onlyTheScorePositionsAreParsedAndSummed() throws Exception {
        Path score = write("score.txt", SCORE);
        // line 5 (position 20) is not in the score and its calls are not even valid: they are not looked at
        Path vcf = write("target.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n"
                + "1\t20\t.\tA\tC\t.\t.\t.\tGT\tbad\t0|x\t?\n"
                + "1\t30\t.\tC\tT\t.\t.\t.\tGT\t1|1\t./.\t0/1\n");
        ScoringFile file = ScoringFileReader.read(score);
        ScoreResult result = new VcfScorer(ScoreOptions.defaults()).score(file, vcf);
        // S2's missing call at 30: the mean of the called samples' dosages there, (2 + 1) / 2 = 1.5 copies
        assertThat(result.samples().get(0).sum()).isCloseTo(0.5 * 1 + 0.25 * 2, within(1e-12));
        assertThat(result.samples().get(1).sum()).isCloseTo(0.5 * 2 + 0.25 * 1.5, within(1e-12));
        assertThat(result.samples().get(2).sum()).isCloseTo(0.25 * 1, within(1e-12));
        assertThat(result.samples()).extracting(SampleScore::alleleCount).containsExactly(4, 4, 4);

        VcfScorer.Loaded loaded = new VcfScorer(ScoreOptions.defaults()).scoreWhileLoading(() -> ScoringFileReader.read(score), vcf);
        assertThat(loaded.score().scoreId()).isEqualTo("PIPE0001");
        assertThat(loaded.result().samples()).isEqualTo(result.samples());
        // many batches through the pipeline give the same sums as the genotype-source path, which reads without the pipeline (and skips line 5 too)
        assertThat(new VcfScorer(ScoreOptions.defaults()).score(file, VcfGenotypes.read(vcf, Locus.of(file), sample -> true)).samples())
                .isEqualTo(result.samples());
    }

    @Test
    void errorsAtScorePositionsAndUnsortedPositionsReachTheCaller() throws Exception {
        Path score = write("score.txt", SCORE);
        Path badCall = write("bad.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n"
                + "1\t30\t.\tC\tT\t.\t.\t.\tGT\t1|1\t0|x\t0/1\n");
        PermedException error = catchThrowableOfType(PermedException.class,
                () -> new VcfScorer(ScoreOptions.defaults()).score(ScoringFileReader.read(score), badCall));
        assertThat(error.errorCode().code()).isEqualTo("VCF_MALFORMED_GENOTYPE");
        assertThat(error.getMessage()).contains("bad.vcf", "line 5");

        Path unsorted = write("unsorted.vcf", HEADER
                + "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n"
                + "1\t10\t.\tA\tC\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n"
                + "1\t5\t.\tA\tC\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n");
        PermedException unsortedError = catchThrowableOfType(PermedException.class,
                () -> new VcfScorer(ScoreOptions.defaults()).score(ScoringFileReader.read(score), unsorted));
        assertThat(unsortedError.errorCode().code()).isEqualTo("VCF_UNSORTED_RECORDS");
    }

    @Test
    void aBadScoringFileFailsFirstAndTheReadingThreadStops() throws Exception {
        Path vcf = write("target.vcf", HEADER + "1\t10\t.\tA\tG\t.\t.\t.\tGT\t0|1\t1|1\t0|0\n");
        AtomicBoolean asked = new AtomicBoolean();
        PermedException error = catchThrowableOfType(PermedException.class, () -> new VcfScorer(ScoreOptions.defaults())
                .scoreWhileLoading(() -> {
                    asked.set(true);
                    return ScoringFileReader.read(temporary.resolve("missing.txt"));
                }, vcf));
        assertThat(asked).isTrue();
        assertThat(error.getMessage()).contains("missing.txt");
        // a missing VCF: the scoring file is still read first, and its error wins
        PermedException both = catchThrowableOfType(PermedException.class, () -> new VcfScorer(ScoreOptions.defaults())
                .scoreWhileLoading(() -> ScoringFileReader.read(temporary.resolve("missing.txt")), temporary.resolve("none.vcf")));
        assertThat(both.getMessage()).contains("missing.txt");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("permed-prs-read"));
    }

    private Path write(String name, String text) throws Exception {
        Path file = temporary.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
