package no.permed.vcf.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import no.permed.kernel.PermedException;
import no.permed.vcf.TestFiles;
import no.permed.vcf.VcfErrorCode;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.IndexedFastaReference;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.VcfReaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VcfValidatorTest {
    @TempDir
    Path temporary;

    @Test
    void summarisesAValidRealFile() {
        ValidationSummary summary = VcfValidator.validate(TestFiles.data("1kg_phase3_chr22_2504samples_first2000.vcf.gz"),
                VcfReaderOptions.defaults().withRequireAssembly(true));
        assertThat(summary.fileName()).isEqualTo("1kg_phase3_chr22_2504samples_first2000.vcf.gz");
        assertThat(summary.records()).isEqualTo(2000);
        assertThat(summary.referenceBlocks()).isZero();
        long splitLines = TestFiles.lines(TestFiles.expected("1kg_phase3_chr22_2504samples_first2000.split.tsv.gz")).size();
        assertThat(summary.biallelicVariants()).isEqualTo(splitLines);
        assertThat(summary.contigs()).containsExactly("22");
        assertThat(summary.header().assembly()).contains(Assembly.GRCH37);
        assertThat(summary.compressed()).isTrue();
    }

    @Test
    void summarisesAGvcf() {
        ValidationSummary summary = VcfValidator.validate(TestFiles.data("patient.g.vcf.gz"), VcfReaderOptions.defaults(),
                Optional.of(VariantNormaliser.withoutReference(Assembly.GRCH38)));
        assertThat(summary.referenceBlocks()).isEqualTo(5);
        assertThat(summary.variantRecords()).isEqualTo(4);
        assertThat(summary.biallelicVariants()).isEqualTo(5);
        assertThat(summary.contigs()).containsExactly("1", "2");
    }

    @Test
    void readsTheWholeInputAndReportsAnErrorOnItsLastLine() {
        byte[] text = TestFiles.gunzip(TestFiles.data("1kg_chr20_503samples_first3000.vcf.gz"));
        String broken = new String(text, UTF_8);
        int lastLine = broken.lastIndexOf('\n', broken.length() - 2) + 1;
        broken = broken.substring(0, lastLine) + broken.substring(lastLine).replaceFirst("\t0\\|0:", "\t0|0|1:");
        byte[] input = broken.getBytes(UTF_8);
        PermedException error = catchThrowableOfType(PermedException.class, () -> VcfValidator.validate(
                new ByteArrayInputStream(input), "cohort.vcf", VcfReaderOptions.defaults(), Optional.empty()));
        assertThat(error.errorCode()).isEqualTo(VcfErrorCode.UNSUPPORTED_PLOIDY);
        assertThat((long) error.details().get("line")).isEqualTo(broken.split("\n").length);
        assertThat(error.details()).containsEntry("field", "GT").containsKey("sample");
    }

    @Test
    void checksReferenceAllelesWhenGivenANormaliserWithAReference() throws IOException {
        Path fasta = Files.copy(TestFiles.data("leftalign_reference.fa"), temporary.resolve("reference.fa"));
        String vcf = Files.readString(TestFiles.data("leftalign.vcf"));
        String[] lines = vcf.split("\n");
        int target = lines.length - 3;
        String[] columns = lines[target].split("\t");
        // a first base that is neither the reference's nor makes REF equal to an ALT (which the reader refuses by itself)
        for (char base : "ACGT".toCharArray()) {
            String changed = base + columns[3].substring(1);
            if (!changed.equalsIgnoreCase(columns[3]) && !List.of(columns[4].toUpperCase(java.util.Locale.ROOT).split(",")).contains(changed)) {
                columns[3] = changed;
                break;
            }
        }
        lines[target] = String.join("\t", columns);
        byte[] input = (String.join("\n", lines) + "\n").getBytes(UTF_8);
        try (IndexedFastaReference reference = IndexedFastaReference.open(fasta)) {
            Optional<VariantNormaliser> normaliser = Optional.of(VariantNormaliser.withReference(Assembly.GRCH37, reference));
            ValidationSummary valid = VcfValidator.validate(TestFiles.data("leftalign.vcf"), VcfReaderOptions.defaults(), normaliser);
            assertThat(valid.records()).isEqualTo(lines.length - 5);
            PermedException error = catchThrowableOfType(PermedException.class, () -> VcfValidator.validate(
                    new ByteArrayInputStream(input), "lab.vcf", VcfReaderOptions.defaults(), normaliser));
            assertThat(error.errorCode()).isEqualTo(VcfErrorCode.REFERENCE_MISMATCH);
            assertThat(error.details()).containsEntry("line", (long) target + 1).containsEntry("field", "REF");
        }
    }

    @Test
    void randomDamageGivesAVcfErrorOrAValidFileNeverAnotherException() {
        Random random = new Random(11);
        byte[] valid = MalformedVcfCorpusTest.VALID.getBytes(UTF_8);
        int failures = 0;
        for (int trial = 0; trial < 400; trial++) {
            byte[] damaged = valid.clone();
            int changes = 1 + random.nextInt(4);
            for (int change = 0; change < changes; change++) {
                int position = random.nextInt(damaged.length);
                damaged[position] = switch (random.nextInt(4)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) "\t\n/|.:,0123ACGT<>#=".charAt(random.nextInt(19));
                    case 2 -> 0;
                    default -> (byte) ('0' + random.nextInt(10));
                };
            }
            try {
                VcfValidator.validate(new ByteArrayInputStream(damaged), "damaged.vcf", VcfReaderOptions.defaults(), Optional.empty());
            } catch (PermedException error) {
                failures++;
                assertThat(error.errorCode()).isInstanceOf(VcfErrorCode.class);
                assertThat(error.details()).containsKeys("file", "line", "field");
            }
        }
        assertThat(failures).isGreaterThan(200);
    }
}
