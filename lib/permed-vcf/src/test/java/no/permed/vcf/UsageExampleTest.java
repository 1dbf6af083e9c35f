package no.permed.vcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.permed.vcf.genome.Assembly;
import no.permed.vcf.normalise.VariantKey;
import no.permed.vcf.normalise.VariantNormaliser;
import no.permed.vcf.read.VcfReader;
import no.permed.vcf.read.VcfReaderOptions;
import no.permed.vcf.validate.VcfValidator;
import org.junit.jupiter.api.Test;

/** The usage example of the module's documentation, kept compiling and correct. */
class UsageExampleTest {
    @Test
    void validateThenNormaliseAndCount() {
        Path file = TestFiles.data("1kg_phase3_chr22_2504samples_first2000.vcf.gz");
        VcfReaderOptions options = VcfReaderOptions.defaults().withAssembly(Assembly.GRCH37);
        VcfValidator.validate(file, options);                       // throws PermedException(file, line, field) at the first problem
        VariantNormaliser normaliser = VariantNormaliser.withoutReference(Assembly.GRCH37);
        Map<VariantKey, Integer> alleleCounts = new HashMap<>();
        try (VcfReader reader = VcfReader.open(file, options)) {
            while (reader.advance()) {
                normaliser.split(reader.record(), (key, genotypes, source) -> {
                    int count = 0;
                    for (int allele : genotypes.alleleIndicesView()) {  // [2 * sample + haplotype]
                        count += allele == 1 ? 1 : 0;
                    }
                    alleleCounts.put(key, count);
                });
            }
        }
        assertThat(alleleCounts).containsEntry(VariantKey.parse("GRCh37-22-16050075-A-G"), 1);
        assertThat(Optional.ofNullable(alleleCounts.get(VariantKey.parse("GRCh37-22-16050115-G-A")))).isPresent();
    }
}
